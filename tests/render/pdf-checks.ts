/**
 * Checks of printed tables, on a page read by pdf-layout.ts: how many drawn rules a numbers table
 * has against how many its rows and columns need.
 */
import type { PdfPage, PdfWord, Raster } from './pdf-layout.ts';

/** Where a table is and what it holds, by the texts of its header. */
export interface TableSpec {
  /** Page index (0-based). */
  page: number;
  /** Exact text of the first column's header ("TT", "STT"): the table's top left. */
  left: string;
  /** Exact text of the header of a column with one single-line entry per data row (TT numbers, names). */
  anchor: string;
  /** Header rows (repeated on every page). */
  headerRows: number;
  /** Columns on every page; left out where it varies (a wide sheet printed across pages). */
  columns?: number;
  /** Start of a total row's text at the bottom, if any. */
  total?: string;
}

/** Grey levels below this count as ink. */
const DARK = 140;

/** x positions (points) of vertical rules covering ≥ 97 % of y0…y1, merged when adjacent. */
function verticalRules(r: Raster, fromX: number, toX: number, y0: number, y1: number): number[] {
  const found: number[] = [];
  for (let px = Math.floor(fromX * r.scale); px <= Math.ceil(toX * r.scale) && px < r.width; px += 1) {
    let hits = 0;
    let total = 0;
    for (let py = Math.round(y0 * r.scale); py <= Math.round(y1 * r.scale); py += 1) {
      total += 1;
      if (r.pixels[py * r.width + px]! < DARK) hits += 1;
    }
    const x = px / r.scale;
    if (hits >= total * 0.97 && !(found.length > 0 && x - found[found.length - 1]! < 2.5)) found.push(x);
  }
  return found;
}

/** Number of horizontal rules covering ≥ 97 % of x0…x1 between y0 and y1, adjacent pixel rows merged. */
function horizontalRules(r: Raster, y0: number, y1: number, x0: number, x1: number): number {
  let count = 0;
  let last = -10;
  for (let py = Math.max(0, Math.floor(y0 * r.scale)); py <= Math.ceil(y1 * r.scale) && py < r.height; py += 1) {
    let hits = 0;
    const [from, to] = [Math.round(x0 * r.scale), Math.round(x1 * r.scale)];
    for (let px = from; px < to; px += 1) if (r.pixels[py * r.width + px]! < DARK) hits += 1;
    if (hits >= (to - from) * 0.97) {
      if (py - last > 2) count += 1;
      last = py;
    }
  }
  return count;
}

/** Where the vertical rule at `x` (the table's left border) stops, going from `y` (points) down (+1) or up (-1). */
function ruleEnd(r: Raster, x: number, y: number, step: 1 | -1): number {
  const px = Math.round(x * r.scale);
  let gap = 0;
  let py = Math.round(y * r.scale);
  for (; py >= 0 && py < r.height && gap <= 3 * r.scale; py += step) gap = r.pixels[py * r.width + px]! < DARK ? 0 : gap + 1;
  return (py - step * gap) / r.scale;
}

/**
 * The rules a table has and the ones it needs on one page: a horizontal rule above, between and
 * below every row (across the anchor column and those after it, since merged cells on its left
 * span several rows), a vertical rule at both sides and between every two columns.
 */
export function countRules(
  page: PdfPage,
  r: Raster,
  spec: TableSpec,
): { needed: { horizontal: number; vertical: number }; drawn: { horizontal: number; vertical: number } } {
  const exact = (text: string) => page.lines.find((l) => l.text === text);
  const left = exact(spec.left);
  const anchor = exact(spec.anchor);
  if (!left || !anchor) throw new Error(`table header "${spec.left}"/"${spec.anchor}" not found on page ${spec.page + 1}`);
  // Column borders where the header row is: a 14 pt tall dark segment is a rule, never a letter.
  const borders = verticalRules(r, left.x0 - 40, page.width - 5, left.y0 - 1, left.y0 + 13);
  const tableTop = ruleEnd(r, borders[0]!, left.y0, -1);
  const tableBottom = ruleEnd(r, borders[0]!, left.y0, 1);
  const column = borders.findIndex((x, i) => x < (anchor.x0 + anchor.x1) / 2 && (borders[i + 1] ?? Infinity) > (anchor.x0 + anchor.x1) / 2);
  const [colLeft, colRight] = [borders[column]!, borders[column + 1]!];
  // Rows of the anchor column: its words (poppler may join a cell's words to the next cell's), by line.
  const isAnchor = (w: PdfWord) =>
    w.y0 > anchor.y1 && w.y1 < tableBottom && w.x0 > colLeft && w.x1 < colRight && !/^\(\d+\)$/u.test(w.text);
  const rows = new Map<number, number>();
  for (const w of page.words.filter(isAnchor)) rows.set(Math.round(w.y0), Math.max(rows.get(Math.round(w.y0)) ?? 0, w.y1));
  const lastRow = Math.max(anchor.y1, ...rows.values());
  const total = spec.total ? page.lines.find((l) => l.text.startsWith(spec.total!) && l.y0 > anchor.y1 && l.y1 < tableBottom) : undefined;
  const bottom = Math.max(lastRow, total?.y1 ?? 0);
  const right = borders[borders.length - 1]!;
  // Down to the last data row: a total row may merge cells and so cross fewer column rules.
  const vertical = verticalRules(r, left.x0 - 40, page.width - 5, left.y0, lastRow).length;
  return {
    needed: {
      horizontal: spec.headerRows + rows.size + (total ? 1 : 0) + 1,
      vertical: spec.columns === undefined ? vertical : spec.columns + 1,
    },
    drawn: { horizontal: horizontalRules(r, tableTop - 3, bottom + 20, colLeft + 2, right - 2), vertical },
  };
}

/** The "Trang n/N" line at the foot of an Excel printout, or null. */
export function pageNumberLine(page: PdfPage): string | null {
  const foot = page.lines.filter((l) => l.y0 > page.height - 60 && /^Trang \d+\/\d+$/u.test(l.text));
  return foot[0]?.text ?? null;
}
