import { parse } from 'content-disposition';
import { expect } from 'vitest';
import type { OfficeFile, PdfConverter } from '../src/server/lib/office-pdf.ts';

/**
 * A stand-in for LibreOffice (an outside service) in route tests: answers every conversion with a
 * tiny PDF naming the file and remembers what it was given. The real conversion has its own tests
 * (src/server/lib/office-pdf.test.ts, tests/render/).
 */
export function createRecordingPdf(): PdfConverter & { files: OfficeFile[] } {
  const files: OfficeFile[] = [];
  return {
    files,
    async convert(file) {
      files.push(file);
      return Buffer.from(`%PDF-1.7\n% ${file.name}\n`);
    },
    probe: async () => 'LibreOffice (thử nghiệm)',
    close: async () => undefined,
  };
}

/**
 * Asserts a `?format=pdf` answer: a PDF attachment named `fileName`, converted from the Word or
 * Excel file (`kind`) the same endpoint gives without the parameter.
 */
export function expectPdfOf(
  res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer },
  pdf: ReturnType<typeof createRecordingPdf>,
  fileName: string | RegExp,
  kind: 'docx' | 'xlsx',
): void {
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const disposition = String(res.headers['content-disposition']);
  if (typeof fileName === 'string') expect(parse(disposition)).toMatchObject({ type: 'attachment', parameters: { filename: fileName } });
  else expect(disposition).toMatch(fileName);
  expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  const source = pdf.files[pdf.files.length - 1]!;
  expect(source.name.endsWith(`.${kind}`)).toBe(true);
  // A Word or Excel file is a ZIP package.
  expect(source.data.subarray(0, 2).toString()).toBe('PK');
}
