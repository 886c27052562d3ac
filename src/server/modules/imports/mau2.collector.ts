import { readZaloMark } from '../../../shared/phone.ts';
import { foldVietnamese, toStorableText } from '../../../shared/text.ts';
import { characterIssue, checkCommuneText, checkName, checkPhone, roleChecker, teamNameChecker, type FieldCheck } from './mau2.fields.ts';
import {
  cached,
  columnLetter,
  communeKey,
  detectHeader,
  isFooterRow,
  isNumericCell,
  isNumberingRow,
  quoted,
  type Mau2Columns,
} from './mau2.text.ts';
import type { Mau2Issue, Mau2ParsedTeam, Mau2ParseResult } from './mau2.parse.ts';

type SheetColumns = Mau2Columns & { commune: number; team: number; stored: number[] };

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

/** Issues of one kind kept, at most: a file with an error on every row is reported in bounded time and memory. */
export const MAX_ISSUES = 1000;

/** Issues of one kind: the first {@link MAX_ISSUES}, and a count of the others. */
export class IssueList {
  private readonly items: Mau2Issue[] = [];
  private left = 0;

  constructor(private readonly kind: 'lỗi' | 'cảnh báo') {}

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  push(issue: Mau2Issue): void {
    if (this.items.length < MAX_ISSUES) this.items.push(issue);
    else this.left += 1;
  }

  /** The issues kept, and when some were left out, one more saying how many. */
  list(): Mau2Issue[] {
    if (this.left === 0) return [...this.items];
    const message = `Còn ${this.left.toLocaleString('vi-VN')} ${this.kind} khác chưa được liệt kê: hãy sửa các ${this.kind} trên rồi nhập lại tệp.`;
    return [...this.items, { sheet: '', row: 0, column: '', code: 'TOO_MANY_ISSUES', message }];
  }
}

/** Turns rows into teams and issues, one sheet after another; {@link parseMau2} feeds it. */
export class Mau2Collector {
  rows = 0;
  stopped = false;
  /** Complete teams not yet taken by the reader. */
  private completed: Mau2ParsedTeam[] = [];
  private readonly errors = new IssueList('lỗi');
  private readonly warnings = new IssueList('cảnh báo');
  private readonly headerless: Mau2Issue[] = [];
  private firstSheet: string | null = null;
  private anyHeader = false;
  private sheet: SheetState = newSheet('');
  private readonly checkRole = roleChecker();
  private readonly checkTeamName = teamNameChecker();
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
    const errors = this.errors.list();
    const warnings = [...this.headerless, ...this.warnings.list()];
    if (!this.anyHeader) {
      errors.unshift({ sheet: this.firstSheet ?? '', row: 0, column: '', code: 'HEADER_NOT_FOUND', message: HEADER_NOT_FOUND });
      warnings.splice(0, this.headerless.length);
    }
    return { rows: this.rows, teams: [], errors, warnings };
  }

  get hasErrors(): boolean {
    return !this.errors.isEmpty;
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
    else
      this.warn(
        team.sheet,
        team.row,
        team.teamColumn,
        'TEAM_EMPTY',
        `Tổ "${quoted(team.teamName)}" không có thành viên nào nên đã được bỏ qua`,
        this.warnings,
      );
  }

  private header(cells: string[], row: number): void {
    const columns = detectHeader(cells);
    if (!columns) return;
    this.sheet.headerFound = true;
    this.anyHeader = true;
    if (columns.team === null || columns.commune === null) {
      const missing = [
        columns.commune === null ? '"Tên xã/phường/thị trấn"' : '',
        columns.team === null ? '"Tên Tổ công nghệ số cộng đồng"' : '',
      ];
      const message = `Dòng tiêu đề thiếu cột ${missing.filter(Boolean).join(' và ')} nên trang tính này không được đọc`;
      this.error(row, '', 'COLUMN_MISSING', message);
      return;
    }
    if (columns.phone === null) {
      const message = 'Dòng tiêu đề không có cột "Điện thoại di động (đã đăng ký Zalo)": số điện thoại sẽ để trống';
      this.warn(this.sheet.name, row, '', 'COLUMN_MISSING', message, this.warnings);
    }
    const stored = [columns.commune, columns.team, columns.name, columns.role, columns.phone].filter((col) => col !== null);
    this.sheet.columns = { ...columns, team: columns.team, commune: columns.commune, stored };
  }

  /** Cells the row stores or quotes must hold text PostgreSQL can store: each other one is an error, and is read made storable. */
  private checkCharacters(c: SheetColumns, cells: string[], row: number): void {
    for (const col of c.stored) {
      const issue = cells[col] === undefined ? null : characterIssue(cells[col]);
      if (!issue) continue;
      this.error(row, columnLetter(col), issue.code, issue.message);
      cells[col] = toStorableText(cells[col]!);
    }
  }

  private dataRow(s: SheetState, c: SheetColumns, cells: string[], row: number): void {
    this.checkCharacters(c, cells, row);
    const communeText = cells[c.commune] ?? '';
    const teamText = cells[c.team] ?? '';
    let communeChanged = false;
    if (communeText !== '') {
      this.check(checkCommuneText(communeText), row, c.commune);
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
    if (!s.commune) this.error(row, communeColumn, 'COMMUNE_MISSING', `Thiếu tên xã/phường/thị trấn của tổ "${quoted(teamName)}"`);
    this.check(this.checkTeamName(teamName), row, c.team);
    this.complete(s.team);
    s.team = { team, folded: foldVietnamese(teamName), memberRows: 0 };
  }

  private memberRow(s: SheetState, c: SheetColumns, cells: MemberCells, row: number): void {
    if (this.rows >= this.maxRows) {
      this.stopped = true;
      const limit = this.maxRows.toLocaleString('vi-VN');
      this.error(
        row,
        '',
        'TOO_MANY_ROWS',
        `Tệp có hơn ${limit} dòng thành viên, vượt giới hạn của một lần nhập: hãy chia thành nhiều tệp. Đã dừng đọc tại dòng ${row}.`,
      );
      return;
    }
    this.rows += 1;
    if (this.rows % 1000 === 0) this.onProgress?.(this.rows);
    if (!s.team) this.error(row, columnLetter(c.team), 'TEAM_MISSING', 'Thiếu tên Tổ công nghệ số cộng đồng cho thành viên này');
    const fullName = this.check(checkName(cells.name), row, c.name);
    const role = this.check(this.checkRole(cells.role), row, c.role);
    // "(chưa đăng ký Zalo)" under a number (what our Mẫu 2 writes) says it is not on Zalo.
    const mark = readZaloMark(cells.phone);
    const phone = c.phone === null ? null : this.check(checkPhone(mark.text), row, c.phone);
    if (!s.team) return;
    s.team.memberRows += 1;
    if (fullName === undefined || role === undefined || phone === undefined) return;
    s.team.team.members.push({ row, fullName, role: role.role, title: role.title, phone, isZalo: phone !== null && mark.isZalo });
  }

  /** The checked cell's value, or undefined with its error recorded at the cell. */
  private check<T>(result: FieldCheck<T>, row: number, col: number): T | undefined {
    if (result.ok) return result.value;
    this.error(row, columnLetter(col), result.code, result.message);
    return undefined;
  }

  private error(row: number, column: string, code: string, message: string): void {
    this.errors.push({ sheet: this.sheet.name, row, column, code, message });
  }

  private warn(sheet: string, row: number, column: string, code: string, message: string, to: { push(issue: Mau2Issue): void }): void {
    to.push({ sheet, row, column, code, message });
  }
}
