import { XlsxFormatError, type XlsxValue, type XlsxWorkbook } from '../../lib/xlsx-reader.ts';
import { openXlsxOffThread } from '../../lib/xlsx-worker.ts';
import type { TeamRole } from '../documents/documents.model.ts';
import { Mau2Collector } from './mau2.collector.ts';
import { cellText } from './mau2.text.ts';
import { workbookIssue } from './workbook-issues.ts';

export { FILE_INVALID_MESSAGE } from './workbook-issues.ts';

/** A problem found in the file. `column` is the Excel letter ("A"…), or "" for a whole-row or whole-file issue. */
export interface Mau2Issue {
  sheet: string;
  row: number;
  column: string;
  code: string;
  message: string;
}

/** One valid member row. */
export interface Mau2ParsedMember {
  row: number;
  fullName: string;
  role: TeamRole;
  title: string | null;
  phone: string | null;
  isZalo: boolean;
}

/** One team: the row of its team cell, its commune text as written, and its valid members. */
export interface Mau2ParsedTeam {
  sheet: string;
  row: number;
  communeText: string;
  /** Row of the commune cell the team took its commune from (merged cells: often above the team row). */
  communeRow: number;
  communeColumn: string;
  teamName: string;
  teamColumn: string;
  /** Columns of the member lines' name and role cells. */
  nameColumn: string;
  roleColumn: string;
  members: Mau2ParsedMember[];
}

/**
 * Result of {@link parseMau2}. `rows` counts member rows read; `teams` holds the teams read,
 * unless they were handed to {@link Mau2ParseOptions.onTeam} as they came (then it is empty).
 */
export interface Mau2ParseResult {
  rows: number;
  teams: Mau2ParsedTeam[];
  errors: Mau2Issue[];
  warnings: Mau2Issue[];
}

/** Options of {@link parseMau2}. */
export interface Mau2ParseOptions {
  /** Most member rows accepted; the first extra row gets a TOO_MANY_ROWS error and reading stops. */
  maxRows: number;
  /** Called with the number of member rows read, every 1,000 rows and once at the end. */
  onProgress?: (rowsRead: number) => void;
  /**
   * Receives each team (with at least one member row) as soon as it is complete, in file order,
   * instead of the result keeping them all; reading waits while the promise it returns is pending.
   * `fileHasErrors` tells whether an error was found so far (the import will save nothing).
   */
  onTeam?: TeamHandler;
  /** Called as the file is read with the share of its worksheets read so far, from 0 to 1. */
  onFileProgress?: (fraction: number) => void;
}

/** Receives a complete team; see {@link Mau2ParseOptions.onTeam}. */
export type TeamHandler = (team: Mau2ParsedTeam, fileHasErrors: boolean) => void | Promise<void>;

/** Wraps a bug in our own row handling so it is not mistaken for a damaged file. */
class CollectorFailure extends Error {}

function rowCells(values: readonly XlsxValue[]): string[] {
  const cells: string[] = [];
  values.forEach((value, col) => {
    const text = cellText(value);
    if (text !== '') cells[col] = text;
  });
  return cells;
}

async function readWorkbook(workbook: XlsxWorkbook, collector: Mau2Collector, onTeam: TeamHandler): Promise<void> {
  for (const sheet of workbook.sheets) {
    collector.startSheet(sheet.name);
    for await (const rows of sheet.rows()) {
      for (const row of rows) {
        try {
          collector.row(rowCells(row.cells), row.number);
        } catch (error) {
          throw new CollectorFailure('Mau2 collector failed', { cause: error });
        }
        for (const team of collector.take()) await handOver(onTeam, team, collector.hasErrors);
        if (collector.stopped) break;
      }
      if (collector.stopped) break;
    }
    collector.endSheet();
    for (const team of collector.take()) await handOver(onTeam, team, collector.hasErrors);
    if (collector.stopped) return;
  }
}

/** Calls the team handler; its failures are ours, not a damaged file's. */
async function handOver(onTeam: TeamHandler, team: Mau2ParsedTeam, fileHasErrors: boolean): Promise<void> {
  try {
    await onTeam(team, fileHasErrors);
  } catch (error) {
    throw new CollectorFailure('Mau2 team handler failed', { cause: error });
  }
}

/** The result for a file the reader refused: its one issue, nothing else. */
function unreadable(error: XlsxFormatError): Mau2ParseResult {
  return { rows: 0, teams: [], errors: [workbookIssue(error)], warnings: [] };
}

/**
 * Parses a "Mẫu 2" team list (.xlsx, a path or the file in a buffer) with our streaming reader in a
 * worker thread, so memory stays bounded and the event loop free whatever the file. Reads every
 * sheet: finds the header row, carries merged TT / commune / team cells forward, skips the
 * numbering row, blank rows and the signature footer, and validates each member row. Never throws
 * for a bad file: a non-xlsx or damaged file resolves with one FILE_INVALID error, one beyond the
 * reader's limits with one error saying which (at its cell when it has one). Throws only when the
 * file itself cannot be read (e.g. it does not exist), or with what `onTeam` threw.
 */
export async function parseMau2(source: string | Buffer, options: Mau2ParseOptions): Promise<Mau2ParseResult> {
  const collector = new Mau2Collector(options.maxRows, options.onProgress);
  const teams: Mau2ParsedTeam[] = [];
  const onTeam = options.onTeam ?? ((team: Mau2ParsedTeam) => void teams.push(team));
  const onFileProgress = options.onFileProgress;
  try {
    const workbook = await openXlsxOffThread(source, {
      onProgress: onFileProgress && ((done, total) => onFileProgress(total > 0 ? done / total : 1)),
    });
    try {
      await readWorkbook(workbook, collector, onTeam);
    } finally {
      await workbook.close();
    }
  } catch (error) {
    if (error instanceof CollectorFailure) throw error.cause;
    if (error instanceof XlsxFormatError) return unreadable(error);
    throw error;
  }
  options.onProgress?.(collector.rows);
  return { ...collector.result(), teams };
}
