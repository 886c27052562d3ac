import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertOfficeFiles, type OfficeFile } from '../src/server/lib/office-pdf.ts';

const onPath = (command: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** True when LibreOffice (`soffice`) is on the PATH; the PDF checks are skipped otherwise. */
export const hasLibreOffice = (): boolean => onPath('soffice');

/** True when poppler's `pdftotext` and `pdftoppm` are on the PATH (reading PDFs back). */
export const hasPoppler = (): boolean => onPath('pdftotext') && onPath('pdftoppm');

/** Converts office files to PDF in one headless LibreOffice run (one start-up) with a throw-away profile. */
export async function convertAllToPdf(files: readonly OfficeFile[]): Promise<Buffer[]> {
  const profileDir = mkdtempSync(join(tmpdir(), 'cnscd-lo-test-'));
  try {
    return await convertOfficeFiles(files, { soffice: 'soffice', timeoutMs: 240_000, profileDir });
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Converts one office file to PDF with headless LibreOffice and returns the PDF's bytes. */
export async function convertToPdf(file: Buffer, name: string): Promise<Buffer> {
  const [pdf] = await convertAllToPdf([{ name, data: file }]);
  return pdf!;
}
