/**
 * PDF of the generated Word and Excel files, by headless LibreOffice in a child process (ADR
 * 0015): the one place that starts it. Conversions queue behind a concurrency limit, each slot
 * keeps its own LibreOffice profile (two instances on one profile hand their work to each other
 * and exit), and a conversion that outlives its timeout is killed with its process group.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../http/errors.ts';

/** A file to convert: its name gives the format (".docx", ".xlsx"). */
export interface OfficeFile {
  name: string;
  data: Buffer;
}

/** How conversions run. */
export interface PdfConverterOptions {
  /** The LibreOffice command, found on PATH unless it contains a slash. */
  soffice: string;
  /** Conversions at once (each is one LibreOffice process, ~150 MB while it runs). */
  concurrency: number;
  /** A conversion still running after this is killed. */
  timeoutMs: number;
  /** Conversions allowed to wait for a slot; beyond it a request is refused at once. */
  maxWaiting: number;
}

/** Defaults of {@link PdfConverterOptions}. */
const PDF_DEFAULTS: PdfConverterOptions = { soffice: 'soffice', concurrency: 1, timeoutMs: 60_000, maxWaiting: 20 };

/** What the rest of the server uses. */
export interface PdfConverter {
  /** The PDF of one office file. */
  convert(file: OfficeFile): Promise<Buffer>;
  /** The LibreOffice version line, or null when it cannot be started. */
  probe(): Promise<string | null>;
  /** Removes the profiles (after the last conversion). */
  close(): Promise<void>;
}

const MISSING =
  'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF. Hãy tải bản Word/Excel, hoặc đề nghị quản trị viên cài ' +
  'LibreOffice (gói libreoffice-writer-nogui và libreoffice-calc-nogui).';

/** The outcome of one LibreOffice run. */
interface RunResult {
  code: number | null;
  timedOut: boolean;
}

/** Runs `soffice args` in its own process group, killing the group after `timeoutMs`. */
function runSoffice(soffice: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(soffice, args, { detached: true, stdio: 'ignore' });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // soffice is a script that starts soffice.bin: the whole group goes.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
}

/**
 * Converts several files in one LibreOffice run (one start-up for all) with the profile in
 * `profileDir`; returns their PDFs in order. Throws AppError UNAVAILABLE when LibreOffice is
 * missing or too slow, INTERNAL when it produced no PDF.
 */
export async function convertOfficeFiles(
  files: readonly OfficeFile[],
  options: { soffice: string; timeoutMs: number; profileDir: string },
): Promise<Buffer[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cnscd-pdf-'));
  try {
    // Numbered names: a user-supplied name never reaches the command line.
    const inputs = files.map((file, i) => path.join(dir, `${i}${path.extname(file.name).toLowerCase()}`));
    await Promise.all(files.map((file, i) => writeFile(inputs[i]!, file.data)));
    const args = [
      `-env:UserInstallation=${pathToFileURL(options.profileDir).href}`,
      '--headless',
      '--norestore',
      '--nologo',
      '--nolockcheck',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...inputs,
    ];
    const result = await runSoffice(options.soffice, args, options.timeoutMs).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'EACCES') throw new AppError('UNAVAILABLE', MISSING);
      throw err;
    });
    if (result.timedOut) {
      throw new AppError(
        'UNAVAILABLE',
        `Chuyển sang PDF quá ${Math.max(1, Math.round(options.timeoutMs / 1000))} giây nên đã dừng; vui lòng thử lại sau.`,
      );
    }
    return await Promise.all(
      inputs.map((input) =>
        readFile(input.replace(/\.[a-z]+$/, '.pdf')).catch(() => {
          throw new AppError('INTERNAL', `LibreOffice không tạo được tệp PDF (mã thoát ${result.code}).`);
        }),
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A bounded queue of LibreOffice conversions, one profile per slot. */
export function createPdfConverter(options: Partial<PdfConverterOptions> = {}): PdfConverter {
  const { soffice, concurrency, timeoutMs, maxWaiting } = { ...PDF_DEFAULTS, ...options };
  // Profiles live in one temporary directory, made at the first conversion.
  let root: string | null = null;
  const freeSlots = Array.from({ length: concurrency }, (_, i) => i);
  const waiting: ((slot: number) => void)[] = [];

  async function acquire(): Promise<number> {
    const slot = freeSlots.pop();
    if (slot !== undefined) return slot;
    if (waiting.length >= maxWaiting) throw new AppError('UNAVAILABLE', 'Máy chủ đang bận chuyển tệp PDF; vui lòng thử lại sau ít phút.');
    return new Promise((resolve) => waiting.push(resolve));
  }
  function release(slot: number): void {
    const next = waiting.shift();
    if (next) next(slot);
    else freeSlots.push(slot);
  }

  return {
    async convert(file) {
      const slot = await acquire();
      try {
        root ??= mkdtempSync(path.join(os.tmpdir(), 'cnscd-lo-'));
        const [pdf] = await convertOfficeFiles([file], { soffice, timeoutMs, profileDir: path.join(root, `slot-${slot}`) });
        return pdf!;
      } finally {
        release(slot);
      }
    },
    async probe() {
      return new Promise((resolve) => {
        const child = spawn(soffice, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('error', () => resolve(null));
        child.once('close', (code) => resolve(code === 0 ? out.trim() || 'LibreOffice' : null));
      });
    },
    close: async () => {
      if (root) await rm(root, { recursive: true, force: true });
      root = null;
    },
  };
}
