import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasLibreOffice } from '../../../tests/libreoffice.ts';
import { renderReportDocx } from '../modules/reports/report.docx.ts';
import { reportDocModel } from '../../../tests/render/fixtures.ts';
import { AppError } from '../http/errors.ts';
import { createPdfConverter } from './office-pdf.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cnscd-fake-soffice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A stand-in for LibreOffice's command line: after `delay` seconds it writes "%PDF-fake" for
 * each input into --outdir, as `soffice --convert-to pdf` does (or nothing when `writes` is false).
 */
function fakeSoffice(name: string, delay: number, writes = true): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    `#!/bin/sh
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
sleep ${delay}
for a in "$@"; do case "$a" in *.docx|*.xlsx) ${writes ? 'b=$(basename "$a"); printf "%%PDF-fake" > "$out/$' + '{b%.*}.pdf"' : ':'};; esac; done
`,
  );
  chmodSync(file, 0o755);
  return file;
}

const file = { name: 'bao-cao.docx', data: Buffer.from('PK fake docx') };

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('createPdfConverter', () => {
  it('says in Vietnamese that PDF needs LibreOffice when it is not installed', async () => {
    const pdf = createPdfConverter({ soffice: path.join(dir, 'khong-co-soffice') });
    const error = await failure(pdf.convert(file));
    expect([error.code, error.status]).toEqual(['UNAVAILABLE', 503]);
    expect(error.message).toMatch(/^Máy chủ chưa cài LibreOffice nên chưa xuất được PDF/u);
    expect(await pdf.probe()).toBeNull();
  });

  it('converts through the command and reads the PDF it writes', async () => {
    const pdf = createPdfConverter({ soffice: fakeSoffice('quick', 0) });
    expect((await pdf.convert(file)).toString()).toBe('%PDF-fake');
    await pdf.close();
  });

  it('reports a conversion that produced nothing', async () => {
    const pdf = createPdfConverter({ soffice: fakeSoffice('silent', 0, false) });
    expect((await failure(pdf.convert(file))).code).toBe('INTERNAL');
  });

  it('runs one conversion per slot, queues the next ones, and refuses beyond the queue', async () => {
    const pdf = createPdfConverter({ soffice: fakeSoffice('slow', 0.4), concurrency: 1, maxWaiting: 1 });
    const started = Date.now();
    const first = pdf.convert(file);
    const second = pdf.convert(file);
    const third = await failure(pdf.convert(file));
    expect([third.code, third.message]).toEqual(['UNAVAILABLE', 'Máy chủ đang bận chuyển tệp PDF; vui lòng thử lại sau ít phút.']);
    await Promise.all([first, second]);
    // One after the other, not side by side.
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    await pdf.close();
  });

  it('stops a conversion that outlives its timeout', async () => {
    const pdf = createPdfConverter({ soffice: fakeSoffice('stuck', 30), timeoutMs: 300 });
    const started = Date.now();
    const error = await failure(pdf.convert(file));
    expect([error.code, error.message]).toEqual(['UNAVAILABLE', 'Chuyển sang PDF quá 1 giây nên đã dừng; vui lòng thử lại sau.']);
    expect(Date.now() - started).toBeLessThan(5000);
    await pdf.close();
  });

  it.skipIf(!hasLibreOffice())(
    'makes a PDF of a Word act with LibreOffice',
    async () => {
      const pdf = createPdfConverter();
      expect(await pdf.probe()).toMatch(/^LibreOffice \d/u);
      const converted = await pdf.convert({ name: 'bao-cao.docx', data: await renderReportDocx(reportDocModel()) });
      expect(converted.subarray(0, 5).toString()).toBe('%PDF-');
      await pdf.close();
    },
    60_000,
  );
});
