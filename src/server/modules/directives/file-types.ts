/** A safe display name: the base name, without control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f"]/g, '')
    .normalize('NFC')
    .trim();
  return (base || fallback).slice(0, 200);
}
