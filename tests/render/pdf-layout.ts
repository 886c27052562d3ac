/**
 * What a reader sees on a printed page, read from a PDF with poppler: the words with their boxes
 * (`pdftotext -bbox-layout`) and the page as a grey image (`pdftoppm -gray`) to find drawn lines.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A word and its box in points, origin top left. */
export interface PdfWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Font size in points: poppler's box is 1.3 times the size for the Times-metric fonts. */
  size: number;
}

/** A line of words as poppler groups them (one table cell line, one paragraph line). */
export interface PdfLine extends Omit<PdfWord, 'size'> {
  words: PdfWord[];
}

/** One page: its size in points and its text. */
export interface PdfPage {
  width: number;
  height: number;
  lines: PdfLine[];
  words: PdfWord[];
}

/** Height of poppler's word box relative to the font size (Liberation Serif, Times New Roman). */
const BOX_TO_SIZE = 1.3;

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

function box(attrs: string): { x0: number; y0: number; x1: number; y1: number } {
  const get = (name: string) => Number(new RegExp(`${name}="([-\\d.]+)"`).exec(attrs)?.[1]);
  return { x0: get('xMin'), y0: get('yMin'), x1: get('xMax'), y1: get('yMax') };
}

/** Runs a poppler tool on a PDF in a temporary directory and hands the directory to `read`. */
function withPdf<T>(pdf: Buffer, run: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-pdf-read-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return run(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pages of a PDF with their lines and words. */
export function readPdf(pdf: Buffer): PdfPage[] {
  const xml = withPdf(pdf, (file) => execFileSync('pdftotext', ['-bbox-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString());
  return [...xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((page) => {
    const lines = [...page[3]!.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map((line) => {
      const words = [...line[2]!.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((w) => {
        const b = box(w[1]!);
        return { ...b, text: decode(w[2]!), size: (b.y1 - b.y0) / BOX_TO_SIZE };
      });
      return { ...box(line[1]!), words, text: words.map((w) => w.text).join(' ') };
    });
    return { width: Number(page[1]), height: Number(page[2]), lines, words: lines.flatMap((l) => l.words) };
  });
}

/** All text of a page (lines joined by newlines). */
export const pageText = (page: PdfPage): string => page.lines.map((l) => l.text).join('\n');

/** The first line on a page holding `text` (words joined by single spaces). */
export function findLine(page: PdfPage, text: string): PdfLine | undefined {
  return page.lines.find((l) => l.text.includes(text));
}

/**
 * Pairs of words whose glyphs overlap. A word's box is poppler's, cut to the middle 70 % of its
 * height: single-spaced lines then never touch, text printed over other text always does.
 */
export function overlappingWords(page: PdfPage): [PdfWord, PdfWord][] {
  const core = page.words.map((w) => {
    const cut = (w.y1 - w.y0) * 0.15;
    return { w, x0: w.x0 + 0.5, x1: w.x1 - 0.5, y0: w.y0 + cut, y1: w.y1 - cut };
  });
  core.sort((a, b) => a.y0 - b.y0);
  const out: [PdfWord, PdfWord][] = [];
  for (let i = 0; i < core.length; i += 1) {
    const a = core[i]!;
    for (let j = i + 1; j < core.length && core[j]!.y0 < a.y1; j += 1) {
      const b = core[j]!;
      if (b.x0 < a.x1 && a.x0 < b.x1) out.push([a.w, b.w]);
    }
  }
  return out;
}

/** A page rendered in 8-bit grey, `scale` pixels per point. */
export interface Raster {
  width: number;
  height: number;
  scale: number;
  pixels: Uint8Array;
}

/** Renders every page in grey at `dpi`. */
export function rasterise(pdf: Buffer, dpi = 100): Raster[] {
  return withPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), file, join(dir, 'p')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)![1]) - Number(/(\d+)\.pgm$/.exec(b)![1]))
      .map((f) => {
        const data = readFileSync(join(dir, f));
        const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'))!;
        return { width: Number(header[1]), height: Number(header[2]), scale: dpi / 72, pixels: data.subarray(header[0].length) };
      });
  });
}
