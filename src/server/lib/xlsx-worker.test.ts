import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beyondXfdWorkbook, manySharedStringsWorkbook, mau2Workbook } from '../../../tests/workbooks.ts';
import { openXlsx, XlsxFormatError, XlsxLimitError, type XlsxRow, type XlsxWorkbook } from './xlsx-reader.ts';
import { MAX_WORKERS, openXlsxOffThread } from './xlsx-worker.ts';

/** Every sheet's rows, and the last progress reported. */
async function readAll(workbook: XlsxWorkbook): Promise<Record<string, XlsxRow[]>> {
  try {
    const read: Record<string, XlsxRow[]> = {};
    for (const sheet of workbook.sheets) {
      read[sheet.name] = [];
      for await (const batch of sheet.rows()) read[sheet.name]!.push(...batch);
    }
    return read;
  } finally {
    await workbook.close();
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cnscd-xlsx-worker-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openXlsxOffThread', () => {
  it('gives the rows the reader gives on this thread, in batches, with progress', async () => {
    const wb = new ExcelJS.Workbook();
    const big = wb.addWorksheet('Danh sách');
    for (let i = 1; i <= 5000; i++) big.addRow([i, `Nguyễn Văn ${i}`, i % 2 === 0, new Date(Date.UTC(2025, 6, 1)), 1.5]);
    wb.addWorksheet('Trống');
    wb.addWorksheet('Xã B').getCell('XFD3').value = 'cuối';
    const file = path.join(dir, 'rows.xlsx');
    await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const progress: Array<[number, number]> = [];
    const offThread = await readAll(await openXlsxOffThread(file, { onProgress: (done, total) => progress.push([done, total]) }));
    expect(offThread).toEqual(await readAll(await openXlsx(file)));
    expect(offThread['Danh sách']).toHaveLength(5000);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    // The same from the bytes of the file.
    expect(await readAll(await openXlsxOffThread(Buffer.from(await wb.xlsx.writeBuffer())))).toEqual(offThread);
  });

  it('brings the reader’s errors over from the worker as they are', async () => {
    const beyond = await readAll(await openXlsxOffThread(beyondXfdWorkbook())).catch((error: unknown) => error);
    expect(beyond).toBeInstanceOf(XlsxLimitError);
    expect(beyond).toMatchObject({ limit: 'columns', at: { sheet: 'S', row: 9 } });
    await expect(openXlsxOffThread(Buffer.from('TT,Họ tên\n1,An\n'))).rejects.toBeInstanceOf(XlsxFormatError);
    await expect(openXlsxOffThread(path.join(dir, 'missing.xlsx'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops a worker that goes beyond its time or its heap, and the next read is unaffected', async () => {
    await expect(openXlsxOffThread(mau2Workbook(), { timeLimitMs: 1 })).rejects.toMatchObject({ limit: 'time' });
    await expect(openXlsxOffThread(manySharedStringsWorkbook(1_000_000), { heapMb: 8 })).rejects.toMatchObject({ limit: 'memory' });
    expect((await readAll(await openXlsxOffThread(mau2Workbook()))).S).toHaveLength(3);
  });

  it(`reads at most ${MAX_WORKERS} workbooks at once; the next waits until one is closed`, async () => {
    const open = await Promise.all(Array.from({ length: MAX_WORKERS }, () => openXlsxOffThread(mau2Workbook())));
    let isNextOpen = false;
    const next = openXlsxOffThread(mau2Workbook()).then((workbook) => {
      isNextOpen = true;
      return workbook;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isNextOpen).toBe(false);
    await open[0]!.close();
    expect((await readAll(await next)).S).toHaveLength(3);
    await Promise.all(open.slice(1).map((workbook) => workbook.close()));
  });
});
