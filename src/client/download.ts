import { useCallback, useState } from 'react';
import { request } from './shared/request.ts';

function fileNameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/iu.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through
    }
  }
  const plain = /filename="?([^";]+)"?/iu.exec(header);
  return plain?.[1] ?? fallback;
}

/** Fetches a file with the session cookie and saves it; throws ApiError with the server's message on failure. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await request(url, { headers: { Accept: '*/*' } });
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameFrom(res.headers.get('Content-Disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** State wrapper around {@link downloadFile}: `run` resolves true on success; `error` holds the last failure. */
export function useDownload() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (url: string, fallbackName: string) => {
    setPending(true);
    setError(null);
    try {
      await downloadFile(url, fallbackName);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setPending(false);
    }
  }, []);
  return { run, pending, error };
}
