import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when LibreOffice (`soffice`) is on the PATH; the PDF checks are skipped otherwise. */
export function hasLibreOffice(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Converts an office file to PDF with headless LibreOffice and returns the PDF's bytes. */
export async function convertToPdf(file: Buffer, name: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'cnscd-pdf-'));
  try {
    await writeFile(join(dir, name), file);
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, name)], {
      timeout: 60_000,
      env: { ...process.env, HOME: dir },
    });
    return await readFile(join(dir, name.replace(/\.[a-z]+$/, '.pdf')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
