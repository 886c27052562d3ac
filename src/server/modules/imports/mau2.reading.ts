import type { Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import type { BatchWriter } from './batch-writer.ts';
import { IssueList } from './mau2.collector.ts';
import type { Mau2Communes } from './mau2.communes.ts';
import { parseMau2, type Mau2Issue, type Mau2ParsedTeam, type Mau2ParseResult } from './mau2.parse.ts';
import type { BatchTeam } from './mau2.planner.ts';
import { UNREADABLE_CODES } from './workbook-issues.ts';

/** Issues in file order; the notes of issues left out of a list (TOO_MANY_ISSUES) after them. */
export function byRow(issues: Mau2Issue[]): Mau2Issue[] {
  const isNote = (issue: Mau2Issue) => issue.code === 'TOO_MANY_ISSUES';
  const located = issues.filter((issue) => !isNote(issue)).sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return [...located, ...issues.filter(isNote)];
}

/** What the read stage needs of the request. */
export interface ReadRequest {
  source: string | Buffer;
  isDryRun: boolean;
  maxRows: number;
  onProgress?: (rowsRead: number) => void;
  onFileProgress?: (fraction: number) => void;
}

/**
 * The read and resolve stages of a Mẫu 2 import: streams the file, resolves each team's commune
 * and hands the writer a batch each time `batchMembers` members are waiting. Once the file shows
 * an error nothing will be kept, so nothing more is handed on.
 */
export class Mau2Reading {
  /** Teams and members read so far. */
  teams = 0;
  members = 0;
  private batch: BatchTeam[] = [];
  private pendingMembers = 0;
  private hasFailed = false;
  private readonly communeErrors = new IssueList('lỗi');

  constructor(
    private readonly req: ReadRequest,
    private readonly communes: Mau2Communes,
    private readonly writer: BatchWriter<BatchTeam>,
    private readonly batchMembers: number,
  ) {}

  /** Reads the whole file; the outcome of the reading, with no counts of what was created yet. */
  async read(): Promise<Mau2ImportResult> {
    const { source, maxRows, onProgress, onFileProgress } = this.req;
    const parsed = await parseMau2(source, {
      maxRows,
      onProgress,
      onFileProgress,
      onTeam: (team, fileHasErrors) => this.onTeam(team, fileHasErrors),
    });
    if (!this.hasFailed) await this.writer.add(this.batch);
    return this.summary(parsed);
  }

  private async onTeam(team: Mau2ParsedTeam, fileHasErrors: boolean): Promise<void> {
    this.teams += 1;
    this.members += team.members.length;
    const commune = this.communes.resolve(team);
    if ('issue' in commune) this.communeErrors.push(commune.issue);
    if (fileHasErrors || 'issue' in commune) this.hasFailed = true;
    if (this.hasFailed || 'issue' in commune) return;
    this.batch.push({ team, commune: commune.unit });
    this.pendingMembers += team.members.length;
    if (this.pendingMembers < this.batchMembers) return;
    const full = this.batch;
    this.batch = [];
    this.pendingMembers = 0;
    await this.writer.add(full);
  }

  private summary(parsed: Mau2ParseResult): Mau2ImportResult {
    const isUnreadable = parsed.errors.some((e) => UNREADABLE_CODES.has(e.code) || e.code === 'TOO_MANY_ROWS');
    // Unknown communes are reported together with row errors, so one round of fixes is enough.
    const errors = isUnreadable ? parsed.errors : byRow([...parsed.errors, ...this.communeErrors.list()]);
    const base = {
      dryRun: this.req.isDryRun,
      rows: parsed.rows,
      teams: this.teams,
      members: this.members,
      errors,
      warnings: parsed.warnings,
    };
    return { ...base, ok: errors.length === 0, teamsCreated: 0, membersCreated: 0, villagesCreated: 0, changes: null };
  }
}
