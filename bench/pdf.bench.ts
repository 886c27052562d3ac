/**
 * PDF of the generated documents with headless LibreOffice (ADR 0015): per document, the time to
 * make the Word/Excel file (the baseline: what a download costs today) and to convert it, with
 * the LibreOffice profile made on the first conversion ("cold") and reused ("warm"), medians of
 * BENCH_PDF_ROUNDS rounds; then a queue of 4 decisions with one slot and with two; and the peak
 * memory of the LibreOffice process tree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeComplianceXlsx } from '../src/server/modules/directives/compliance.xlsx.ts';
import { renderSettlementDocx } from '../src/server/modules/budgets/settlement.docx.ts';
import { renderDecisionDocx } from '../src/server/modules/documents/decision.docx.ts';
import { writeMau2Xlsx } from '../src/server/modules/documents/mau2.xlsx.ts';
import { renderReportDocx } from '../src/server/modules/reports/report.docx.ts';
import { collect } from '../src/server/http/files.ts';
import { createPdfConverter, type OfficeFile } from '../src/server/lib/office-pdf.ts';
import * as f from '../tests/render/fixtures.ts';
import * as l from '../tests/render/fixtures-lists.ts';

/** One document's figures, in milliseconds. */
export interface PdfDocResult {
  name: string;
  pages: number;
  renderMs: number;
  coldMs: number;
  warmMs: number;
  pdfKb: number;
}

/** What the PDF benchmark measured. */
export type PdfResult =
  | { skipped: string }
  | {
      version: string;
      rounds: number;
      docs: PdfDocResult[];
      queue: { decisions: number; oneSlotMs: number; twoSlotsMs: number };
      peakRssMb: number | null;
    };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - start)];
};

/** The documents measured: an act of each kind and the largest lists a commune or province prints. */
function documents(): { name: string; kind: 'docx' | 'xlsx'; make: () => Promise<Buffer> }[] {
  const province = {
    sheets: [{ sheetName: 'Tỉnh', unitLabel: 'Tỉnh Đồng Tháp', communes: l.mau2List(40).sheets.flatMap((s) => s.communes) }],
  };
  return [
    { name: 'Quyết định Mẫu 1 (3 tổ)', kind: 'docx', make: () => renderDecisionDocx(f.decisionModel()) },
    {
      name: 'Quyết định Mẫu 1 (20 tổ)',
      kind: 'docx',
      make: () => renderDecisionDocx(f.decisionModel(Array.from({ length: 20 }, () => 6))),
    },
    { name: 'Báo cáo (Word)', kind: 'docx', make: () => renderReportDocx(f.reportDocModel(true)) },
    { name: 'Bảng quyết toán', kind: 'docx', make: () => renderSettlementDocx(f.settlementModel(false, 12)) },
    { name: 'Mẫu 2 tổng hợp (120 tổ)', kind: 'xlsx', make: () => collect((out) => writeMau2Xlsx(province, out)) },
    {
      name: 'Tình hình thực hiện (5 × 60)',
      kind: 'xlsx',
      make: () => collect((out) => writeComplianceXlsx(l.complianceMatrix(5, 60), out)),
    },
  ];
}

/** Peak resident memory (MB) of soffice.bin processes seen while `fn` runs, polled every 50 ms. */
async function peakSofficeRss<T>(fn: () => Promise<T>): Promise<[T, number | null]> {
  let peak: number | null = null;
  const timer = setInterval(() => {
    const ps = spawnSync('ps', ['-C', 'soffice.bin', '-o', 'rss='], { encoding: 'utf8' });
    const kb = ps.stdout
      .split('\n')
      .map(Number)
      .filter((n) => n > 0)
      .reduce((a, b) => a + b, 0);
    if (kb > 0) peak = Math.max(peak ?? 0, Math.round(kb / 1024));
  }, 50);
  try {
    return [await fn(), peak];
  } finally {
    clearInterval(timer);
  }
}

/** Runs the PDF benchmark; skipped without LibreOffice. */
export async function runPdfBench(rounds = 3): Promise<PdfResult> {
  const version = await createPdfConverter().probe();
  if (!version) return { skipped: 'không có LibreOffice (soffice) trên máy này' };
  const docs: PdfDocResult[] = [];
  let peakRssMb: number | null = null;
  for (const doc of documents()) {
    const cold: number[] = [];
    const warm: number[] = [];
    const render: number[] = [];
    let pdf: Buffer = Buffer.alloc(0);
    for (let round = 0; round < rounds; round += 1) {
      const [data, renderMs] = await timed(doc.make);
      render.push(renderMs);
      const file: OfficeFile = { name: `bench.${doc.kind}`, data };
      // A new converter: its first conversion also makes its LibreOffice profile.
      const converter = createPdfConverter({ timeoutMs: 300_000 });
      const [, coldMs] = await timed(() => converter.convert(file));
      const [[converted, warmMs], rss] = await peakSofficeRss(() => timed(() => converter.convert(file)));
      await converter.close();
      cold.push(coldMs);
      warm.push(warmMs);
      pdf = converted;
      if (rss !== null) peakRssMb = Math.max(peakRssMb ?? 0, rss);
    }
    const pages = Number(/Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString())?.[1] ?? 0);
    docs.push({
      name: doc.name,
      pages,
      renderMs: median(render),
      coldMs: median(cold),
      warmMs: median(warm),
      pdfKb: Math.round(pdf.length / 1024),
    });
  }
  const decision: OfficeFile = { name: 'bench.docx', data: await renderDecisionDocx(f.decisionModel()) };
  const queue = async (concurrency: number) => {
    const converter = createPdfConverter({ concurrency, timeoutMs: 300_000 });
    // Warm every slot first, then time 4 conversions arriving together.
    await Promise.all(Array.from({ length: concurrency }, () => converter.convert(decision)));
    const [, ms] = await timed(() => Promise.all(Array.from({ length: 4 }, () => converter.convert(decision))));
    await converter.close();
    return ms;
  };
  return { version, rounds, docs, queue: { decisions: 4, oneSlotMs: await queue(1), twoSlotsMs: await queue(2) }, peakRssMb };
}
