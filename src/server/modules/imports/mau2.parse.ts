import { openXlsx, XlsxFormatError, type XlsxValue, type XlsxWorkbook } from '../../lib/xlsx-reader.ts';
import { normalizePhone, readZaloMark } from '../../../shared/phone.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import type { TeamRole } from '../documents/documents.model.ts';
import {
  cellText,
  cached,
  columnLetter,
  communeKey,
  detectHeader,
  isFooterRow,
  isNumericCell,
  isNumberingRow,
  parseRole,
  type Mau2Columns,
} from './mau2.text.ts';

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

/** Message of the FILE_INVALID error. */
export const FILE_INVALID_MESSAGE = 'Tệp không phải là tệp Excel .xlsx hợp lệ hoặc đã bị hỏng.';

/** Wraps a bug in our own row handling so it is not mistaken for a damaged file. */
class CollectorFailure extends Error {}

type SheetColumns = Mau2Columns & { commune: number; team: number };

interface TeamDraft {
  team: Mau2ParsedTeam;
  /** The team name folded, compared with the team cell of each following row. */
  folded: string;
  memberRows: number;
}

interface SheetState {
  name: string;
  headerFound: boolean;
  columns: SheetColumns | null;
  nonEmpty: boolean;
  numberingChecked: boolean;
  footer: boolean;
  commune: { text: string; key: string; row: number } | null;
  team: TeamDraft | null;
}

interface MemberCells {
  name: string;
  role: string;
  phone: string;
}

function newSheet(name: string): SheetState {
  const state = { name, headerFound: false, columns: null, nonEmpty: false, numberingChecked: false, footer: false };
  return { ...state, commune: null, team: null };
}

const HEADER_NOT_FOUND =
  'Không tìm thấy dòng tiêu đề của Mẫu 2: cần có các cột "TT", "Tên xã/phường/thị trấn", ' +
  '"Tên Tổ công nghệ số cộng đồng", "Họ tên", "Chức vụ" và "Điện thoại di động (đã đăng ký Zalo)"';

/** Turns rows into teams and issues, one sheet after another. */
class Mau2Collector {
  rows = 0;
  stopped = false;
  /** Complete teams not yet taken by the reader. */
  private completed: Mau2ParsedTeam[] = [];
  private readonly errors: Mau2Issue[] = [];
  private readonly warnings: Mau2Issue[] = [];
  private readonly headerless: Mau2Issue[] = [];
  private firstSheet: string | null = null;
  private anyHeader = false;
  private sheet: SheetState = newSheet('');
  private readonly roleOf = cached(parseRole);
  private readonly communeKeyOf = cached(communeKey);

  constructor(
    private readonly maxRows: number,
    private readonly onProgress?: (rowsRead: number) => void,
  ) {}

  startSheet(name: string): void {
    this.sheet = newSheet(name);
    this.firstSheet ??= name;
  }

  endSheet(): void {
    this.complete(this.sheet.team);
    const { name, headerFound, nonEmpty } = this.sheet;
    if (headerFound || !nonEmpty) return;
    const message = `Trang tính "${name}" không có dòng tiêu đề của Mẫu 2 (cột "Họ tên", "Chức vụ") nên đã được bỏ qua`;
    this.headerless.push({ sheet: name, row: 0, column: '', code: 'HEADER_NOT_FOUND', message });
  }

  row(cells: string[], row: number): void {
    const s = this.sheet;
    if (cells.length === 0) return;
    s.nonEmpty = true;
    if (!s.headerFound) return this.header(cells, row);
    if (!s.columns || s.footer) return;
    if (!s.numberingChecked) {
      s.numberingChecked = true;
      if (isNumberingRow(cells)) return;
    }
    // A member line has its TT or phone: neither a footer nor a repeated header, told without folding.
    if (!cells.some(isNumericCell)) {
      if (isFooterRow(cells)) {
        s.footer = true;
        return;
      }
      if (/\bho (?:va )?ten\b/u.test(foldVietnamese(cells[s.columns.name] ?? '')) && detectHeader(cells)) return;
    }
    this.dataRow(s, s.columns, cells, row);
  }

  result(): Mau2ParseResult {
    const errors = [...this.errors];
    const warnings = [...this.headerless, ...this.warnings];
    if (!this.anyHeader) {
      errors.unshift({ sheet: this.firstSheet ?? '', row: 0, column: '', code: 'HEADER_NOT_FOUND', message: HEADER_NOT_FOUND });
      warnings.splice(0, this.headerless.length);
    }
    return { rows: this.rows, teams: [], errors, warnings };
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  /** The teams completed since the last call. */
  take(): Mau2ParsedTeam[] {
    const teams = this.completed;
    this.completed = [];
    return teams;
  }

  /** A team ends when the next one starts or its sheet ends: kept if it had member rows, else a warning. */
  private complete(draft: TeamDraft | null): void {
    if (!draft) return;
    const { team, memberRows } = draft;
    if (memberRows > 0) this.completed.push(team);
    else this.warn(team.sheet, team.row, team.teamColumn, 'TEAM_EMPTY', `Tổ "${team.teamName}" không có thành viên nào nên đã được bỏ qua`, this.warnings);
  }

  private header(cells: string[], row: number): void {
    const columns = detectHeader(cells);
    if (!columns) return;
    this.sheet.headerFound = true;
    this.anyHeader = true;
    if (columns.team === null || columns.commune === null) {
      const missing = [columns.commune === null ? '"Tên xã/phường/thị trấn"' : '', columns.team === null ? '"Tên Tổ công nghệ số cộng đồng"' : ''];
      const message = `Dòng tiêu đề thiếu cột ${missing.filter(Boolean).join(' và ')} nên trang tính này không được đọc`;
      this.error(row, '', 'COLUMN_MISSING', message);
      return;
    }
    if (columns.phone === null) {
      const message = 'Dòng tiêu đề không có cột "Điện thoại di động (đã đăng ký Zalo)": số điện thoại sẽ để trống';
      this.warn(this.sheet.name, row, '', 'COLUMN_MISSING', message, this.warnings);
    }
    this.sheet.columns = { ...columns, team: columns.team, commune: columns.commune };
  }

  private dataRow(s: SheetState, c: SheetColumns, cells: string[], row: number): void {
    const communeText = cells[c.commune] ?? '';
    const teamText = cells[c.team] ?? '';
    let communeChanged = false;
    if (communeText !== '') {
      const key = this.communeKeyOf(communeText);
      communeChanged = key !== s.commune?.key;
      s.commune = { text: communeText, key, row };
    }
    const teamChanged = s.team === null || foldVietnamese(teamText) !== s.team.folded;
    if (teamText !== '' && (communeChanged || teamChanged)) this.startTeam(s, c, teamText, row);
    else if (communeChanged) {
      this.complete(s.team);
      s.team = null;
    }
    const member = { name: cells[c.name] ?? '', role: cells[c.role] ?? '', phone: c.phone === null ? '' : (cells[c.phone] ?? '') };
    if (member.name !== '' || member.role !== '' || member.phone !== '') this.memberRow(s, c, member, row);
  }

  private startTeam(s: SheetState, c: SheetColumns, teamName: string, row: number): void {
    const communeColumn = columnLetter(c.commune);
    const team: Mau2ParsedTeam = {
      sheet: s.name,
      row,
      communeText: s.commune?.text ?? '',
      communeRow: s.commune?.row ?? row,
      communeColumn,
      teamName,
      teamColumn: columnLetter(c.team),
      nameColumn: columnLetter(c.name),
      roleColumn: columnLetter(c.role),
      members: [],
    };
    if (!s.commune) this.error(row, communeColumn, 'COMMUNE_MISSING', `Thiếu tên xã/phường/thị trấn của tổ "${teamName}"`);
    this.complete(s.team);
    s.team = { team, folded: foldVietnamese(teamName), memberRows: 0 };
  }

  private memberRow(s: SheetState, c: SheetColumns, cells: MemberCells, row: number): void {
    if (this.rows >= this.maxRows) {
      this.stopped = true;
      const limit = this.maxRows.toLocaleString('vi-VN');
      this.error(row, '', 'TOO_MANY_ROWS', `Tệp có hơn ${limit} dòng thành viên, vượt giới hạn của một lần nhập: hãy chia thành nhiều tệp. Đã dừng đọc tại dòng ${row}.`);
      return;
    }
    this.rows += 1;
    if (this.rows % 1000 === 0) this.onProgress?.(this.rows);
    if (!s.team) this.error(row, columnLetter(c.team), 'TEAM_MISSING', 'Thiếu tên Tổ công nghệ số cộng đồng cho thành viên này');
    const fullName = cells.name;
    if (fullName === '') this.error(row, columnLetter(c.name), 'NAME_REQUIRED', 'Thiếu họ tên thành viên');
    const role = this.role(cells.role, row, c.role);
    const mark = readZaloMark(cells.phone);
    const phone = c.phone === null ? null : this.phone(mark.text, row, c.phone);
    if (!s.team) return;
    s.team.memberRows += 1;
    if (fullName === '' || !role || phone === undefined) return;
    s.team.team.members.push({ row, fullName, role: role.role, title: role.title, phone, isZalo: phone !== null && mark.isZalo });
  }

  private role(text: string, row: number, col: number): ReturnType<typeof parseRole> {
    if (text === '') {
      this.error(row, columnLetter(col), 'ROLE_REQUIRED', 'Thiếu chức vụ: ghi Tổ trưởng, Tổ phó hoặc Tổ viên');
      return null;
    }
    const role = this.roleOf(text);
    if (!role) this.error(row, columnLetter(col), 'ROLE_UNKNOWN', `Chức vụ "${text}" không hợp lệ: dùng Tổ trưởng, Tổ phó hoặc Tổ viên`);
    return role;
  }

  /** The canonical phone, null when blank, undefined when invalid (an error is recorded). */
  private phone(text: string, row: number, col: number): string | null | undefined {
    if (text === '') return null;
    const result = normalizePhone(text);
    if (result.ok) return result.phone;
    this.error(row, columnLetter(col), 'PHONE_INVALID', result.message);
    return undefined;
  }

  private error(row: number, column: string, code: string, message: string): void {
    this.errors.push({ sheet: this.sheet.name, row, column, code, message });
  }

  private warn(sheet: string, row: number, column: string, code: string, message: string, to: Mau2Issue[]): void {
    to.push({ sheet, row, column, code, message });
  }
}

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

function fileInvalid(): Mau2ParseResult {
  return {
    rows: 0,
    teams: [],
    errors: [{ sheet: '', row: 0, column: '', code: 'FILE_INVALID', message: FILE_INVALID_MESSAGE }],
    warnings: [],
  };
}

/**
 * Parses a "Mẫu 2" team list (.xlsx, a path or the file in a buffer) with our streaming reader, so
 * memory stays bounded. Reads every sheet: finds the header row, carries merged TT / commune / team
 * cells forward, skips the numbering row, blank rows and the signature footer, and validates each
 * member row. Never throws for a bad file: a non-xlsx or damaged file resolves with one
 * FILE_INVALID error. Throws only when the file itself cannot be read (e.g. it does not exist), or
 * with what `onTeam` threw.
 */
export async function parseMau2(source: string | Buffer, options: Mau2ParseOptions): Promise<Mau2ParseResult> {
  const collector = new Mau2Collector(options.maxRows, options.onProgress);
  const teams: Mau2ParsedTeam[] = [];
  const onTeam = options.onTeam ?? ((team: Mau2ParsedTeam) => void teams.push(team));
  const onFileProgress = options.onFileProgress;
  try {
    const workbook = await openXlsx(source, { onProgress: onFileProgress && ((done, total) => onFileProgress(total > 0 ? done / total : 1)) });
    try {
      await readWorkbook(workbook, collector, onTeam);
    } finally {
      await workbook.close();
    }
  } catch (error) {
    if (error instanceof CollectorFailure) throw error.cause;
    if (error instanceof XlsxFormatError) return fileInvalid();
    throw error;
  }
  options.onProgress?.(collector.rows);
  return { ...collector.result(), teams };
}
