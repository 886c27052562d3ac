import { Button, Stack } from '@mantine/core';
import { useDownload } from '../download.ts';
import { useT } from '../i18n.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** The URL of a download's PDF: the same export with `format=pdf`. */
export function pdfUrl(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}format=pdf`;
}

/**
 * "PDF", next to a Word or Excel download: the same document converted on the server. Shows the
 * server's message when it cannot (no LibreOffice, busy).
 */
export function PdfButton({
  url,
  fileName,
  label,
}: {
  url: string;
  fileName: string;
  /** Short name of the document, read out with the button. */ label: string;
}) {
  const t = useT();
  const dl = useDownload();
  return (
    <Stack gap={4}>
      <Button
        variant="default"
        loading={dl.pending}
        onClick={() => void dl.run(pdfUrl(url), fileName)}
        aria-label={t('downloads.pdfOf', { name: label })}
      >
        {t('downloads.pdf')}
      </Button>
      <ErrorAlert error={dl.error} />
    </Stack>
  );
}
