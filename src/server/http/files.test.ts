import { readdir, readFile } from 'node:fs/promises';
import { parse } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { contentDisposition, sniffType } from './files.ts';

describe('contentDisposition', () => {
  it('keeps a Vietnamese file name through filename* and gives an ASCII fallback', () => {
    const name = 'Quyết định thành lập Tổ CNSCĐ.docx';
    const header = contentDisposition('attachment', name);
    expect(header).toBe(
      `attachment; filename="Quyet dinh thanh lap To CNSCD.docx"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20th%C3%A0nh%20l%E1%BA%ADp%20T%E1%BB%95%20CNSC%C4%90.docx`,
    );
    // A client that reads filename* gets the name back exactly.
    expect(parse(header).parameters.filename).toBe(name);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
  });

  it('works for NFD input too (the fallback never carries combining marks)', () => {
    const header = contentDisposition('inline', 'Báo cáo.pdf'.normalize('NFD'));
    expect(header).toMatch(/^inline; filename="Bao cao\.pdf"; filename\*=UTF-8''/);
  });

  it('cannot be used to inject header content with quotes or CR/LF', () => {
    const name = 'a";\r\nSet-Cookie: sid=x; b="c.pdf';
    const header = contentDisposition('attachment', name);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    // One disposition, one file name: the quotes did not close the parameter early.
    expect(Object.keys(parse(header).parameters)).toEqual(['filename', 'filename*']);
    expect(parse(header).parameters.filename).toBe(name);
    expect(parse(header, { extended: false }).parameters.filename).toBe('a";__Set-Cookie: sid=x; b="c.pdf');
  });

  it('sends a plain ASCII name as it is and no name at all as the bare disposition', () => {
    expect(parse(contentDisposition('attachment', 'do-phu-29905.xlsx'))).toEqual({
      type: 'attachment',
      parameters: { filename: 'do-phu-29905.xlsx' },
    });
    expect(contentDisposition('attachment', 'do-phu-29905.xlsx')).not.toContain('filename*');
    expect(contentDisposition('inline')).toBe('inline');
  });
});

describe('one way to send a download', () => {
  it('no route writes Content-Disposition itself', async () => {
    const root = new URL('..', import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'http/files.ts',
    );
    const writers: string[] = [];
    for (const file of files) {
      if (/['"`]content-disposition['"`]/iu.test(await readFile(new URL(file, root), 'utf8'))) writers.push(file);
    }
    expect(writers).toEqual([]);
  });
});

describe('sniffType', () => {
  const zip = (part: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`....${part}....`)]);
  it('tells a file by its content, never its name', () => {
    expect(sniffType(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe('png');
    expect(sniffType(zip('word/document.xml'))).toBe('docx');
    expect(sniffType(zip('xl/workbook.xml'))).toBe('xlsx');
  });
  it('refuses anything else, an empty file and a ZIP that is neither Word nor Excel', () => {
    expect(sniffType(Buffer.from('không phải PDF'))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
    expect(sniffType(zip('mimetype'))).toBeNull();
    expect(sniffType(Buffer.from('%PD'))).toBeNull();
  });
});
