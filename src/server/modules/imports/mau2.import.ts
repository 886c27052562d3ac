import type { Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { isSeparateServer, skipForeignKeyTriggers, writeBulk } from '../../db/bulk.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import type { Db, Tx } from '../../db/client.ts';
import { isInScope, type UnitScope } from '../../db/scope.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { VillagesService } from '../org-units/villages.service.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import type { CompositionRules } from '../teams/composition.ts';
import type { TeamImporter, TeamImportSession, TeamPlace } from '../teams/teams.import.ts';
import { IssueList } from './mau2.collector.ts';
import { parseMau2, type Mau2Issue, type Mau2ParsedTeam, type Mau2ParseResult } from './mau2.parse.ts';
import { matchCommune } from './mau2.resolve.ts';
import { BatchWriter, type PlanBatch } from './batch-writer.ts';
import { cached, parseTeamName } from './mau2.text.ts';
import { UNREADABLE_CODES } from './workbook-issues.ts';

/** What to import and where. */
export interface Mau2ImportRequest {
  /** The .xlsx file: its path, or its bytes. */
  source: string | Buffer;
  provinceCode: string;
  structure: Structure;
  isDryRun: boolean;
  maxRows: number;
  fileName?: string;
  /** The `changes.digest` of the preview the commune confirmed (see `mau2ImportQuerySchema`). */
  confirm?: string;
  onProgress?: (rowsRead: number) => void;
  /** Share of the file's worksheets read so far, from 0 to 1. */
  onFileProgress?: (fraction: number) => void;
  /**
   * Awaited once the file is read and valid, before the last batches are written and committed.
   * On PostgreSQL the import's transaction is open by then, so this must not wait for it: it may use
   * the database's other connections. On PGlite it runs before the transaction starts.
   */
  beforeApply?: () => Promise<void>;
}

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  villages: VillagesService;
  teamImporter: TeamImporter;
  settings: Pick<SettingsService, 'forProvince'>;
  /** Members per batch; default {@link BATCH_MEMBERS}. */
  batchMembers?: number;
}

const PHONE_TAKEN_MEANWHILE =
  'Trong lúc nhập, một số điện thoại có trong tệp vừa được gán cho một người ở nơi khác nên không có gì được lưu. Vui lòng nhập lại tệp.';

/** Thrown inside the transaction to keep nothing: a dry run, or a file with errors. */
class Rollback extends Error {}

type Counts = Pick<Mau2ImportResult, 'teamsCreated' | 'membersCreated' | 'villagesCreated'>;

/** A team with its resolved commune. */
type BatchTeam = { team: Mau2ParsedTeam; commune: OrgUnitRow };
/** Teams written together. */
type Batch = BatchTeam[];

/**
 * Members per batch: the batch is written while the reading goes on. On 100,000 members, 3,000
 * kept the peak RSS 15-20 MB under batches of 5,000 (less of each batch outlives the young
 * generation) for about 50 ms more; 1,000 was slower again.
 */
const BATCH_MEMBERS = 3000;

/**
 * The tables an import writes whose statistics reports' plans turn on (coverage, targets and
 * rollups aggregate and join them). It also writes people and audit events, which are only ever
 * reached by key or in index order; analysing them too took 0.14–0.21 s instead of 0.07–0.08 s after a
 * 100,000-member import, and autovacuum (or PGlite's hourly pass) gets to them soon after.
 */
const PLANNED_TABLES = ['org_units', 'teams', 'memberships'];

/** Issues in file order; the notes of issues left out of a list (TOO_MANY_ISSUES) after them. */
function byRow(issues: Mau2Issue[]): Mau2Issue[] {
  const isNote = (issue: Mau2Issue) => issue.code === 'TOO_MANY_ISSUES';
  const located = issues.filter((issue) => !isNote(issue)).sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return [...located, ...issues.filter(isNote)];
}

/** Where a parsed team's lines are. */
function placeOf(team: Mau2ParsedTeam): TeamPlace {
  return { sheet: team.sheet, row: team.row, teamColumn: team.teamColumn, nameColumn: team.nameColumn, roleColumn: team.roleColumn };
}

/**
 * Adds the review of what was planned to `result`: the composition problems among the warnings
 * (in file order), who is new or changes, and an error when the changes are not the ones the
 * commune confirmed, or when people who had left would come back without a confirmation. False
 * when nothing may be saved.
 */
function applyReview(result: Mau2ImportResult, review: ReturnType<TeamImportSession['review']> | null, req: Mau2ImportRequest): boolean {
  if (!review) return true;
  result.warnings = byRow([...result.warnings, ...review.issues]);
  result.changes = review.changes;
  if (req.isDryRun) return true;
  const { digest, counts } = review.changes;
  let error: Mau2Issue | null = null;
  if (req.confirm !== undefined && req.confirm !== digest) {
    error = { sheet: '', row: 0, column: '', code: 'CHANGES_DIFFER', message: CHANGES_DIFFER };
  } else if (req.confirm === undefined && counts.rejoin > 0) {
    error = { sheet: '', row: 0, column: '', code: 'CONFIRMATION_REQUIRED', message: confirmationRequired(counts.rejoin) };
  }
  if (!error) return true;
  result.errors = [error];
  result.ok = false;
  return false;
}

const CHANGES_DIFFER =
  'Những thay đổi khi nhập đã khác với lúc kiểm tra (có người vừa được thêm, sửa hoặc rời tổ) nên không có gì được lưu. Hãy kiểm tra tệp lại và xác nhận.';

const confirmationRequired = (n: number) =>
  `Tệp đưa trở lại ${n} người đã rời tổ nên chưa có gì được lưu: hãy kiểm tra tệp, xem danh sách thay đổi và xác nhận ` +
  '(trên trang Nhập Mẫu 2, hoặc với dòng lệnh: --confirm và mã xác nhận của lần kiểm tra).';

/**
 * Mẫu 2 import: parse (streaming), resolve each team's commune, and find-or-create villages,
 * teams, people and memberships in ONE transaction, batch by batch. On PostgreSQL the batches are
 * written while the file is still being read (the server inserts one batch while this thread
 * reads the next), so memory stays bounded; on PGlite, which runs on this thread, the file is read
 * first and the transaction opened after, so other requests are not held up meanwhile. Any error
 * → nothing is saved. A dry run does the same work and rolls it back, so its counts are exact.
 */
export function createMau2ImportService({ db, clock, orgUnits, villages, teamImporter, settings, batchMembers = BATCH_MEMBERS }: Deps) {
  /** The province's communes in the actor's scope, and the resolver of a team's commune text. */
  async function communesFor(req: Mau2ImportRequest, scope: UnitScope) {
    const rows = await orgUnits.communesOfProvince(req.structure, req.provinceCode);
    if (rows.length === 0) throw new AppError('NOT_FOUND', `Không tìm thấy tỉnh mã ${req.provinceCode} trong cơ cấu ${req.structure}.`);
    const byCode = new Map(rows.map((r) => [r.unit.code, r.unit]));
    const candidates = rows.map((r) => ({ code: r.unit.code, shortName: r.unit.shortName, type: r.unit.type, parentShortName: r.parentShortName }));
    const cache = new Map<string, ReturnType<typeof matchCommune>>();
    return {
      inScope: rows.map((r) => r.unit).filter((u) => isInScope(scope, u.path)),
      /** The team's commune, or the issue that stops it. */
      resolve(team: Mau2ParsedTeam): { unit: OrgUnitRow } | { issue: Mau2Issue } {
        const match = cache.get(team.communeText) ?? matchCommune(team.communeText, candidates);
        cache.set(team.communeText, match);
        const at = { sheet: team.sheet, row: team.communeRow, column: team.communeColumn };
        if (!match.ok) return { issue: { ...at, code: match.code, message: match.message } };
        const unit = byCode.get(match.code)!;
        if (!isInScope(scope, unit.path)) return { issue: { ...at, code: 'COMMUNE_OUT_OF_SCOPE', message: `${unit.name} nằm ngoài phạm vi quản lý của bạn.` } };
        return { unit };
      },
    };
  }

  /**
   * Plans batches for `tx`: villages, then teams, then people and memberships, each one bulk pass
   * per batch, with sessions that remember what earlier batches read and wrote. Also locks, at
   * the end, the stored rows the new memberships refer to (see {@link TeamImportSession}).
   */
  function plannerFor(tx: Tx, who: AuditActor, structure: Structure, communes: readonly OrgUnitRow[], counts: Counts) {
    let sessions: { villages: Awaited<ReturnType<VillagesService['beginImport']>>; teams: TeamImportSession } | null = null;
    const teamNameOf = cached(parseTeamName);
    const plan: PlanBatch<BatchTeam> = async (batch: Batch) => {
      sessions ??= { villages: await villages.beginImport(tx, who, structure, communes), teams: teamImporter.begin(tx, structure) };
      const named = batch.map(({ team, commune }) => ({ team, commune, ...teamNameOf(team.teamName) }));
      const villageResult = sessions.villages.plan(named.flatMap((n) => (n.village ? [{ commune: n.commune, ...n.village }] : [])));
      let nextVillage = 0;
      // A team named after a village is attached to it, any other to its commune.
      const units = named.map((n) => (n.village ? villageResult.villages[nextVillage++]! : n.commune));
      const teamResult = await sessions.teams.planTeams(named.map((n, i) => ({ unit: units[i]!, communeCode: n.commune.code, name: n.name })));
      const memberResult = await sessions.teams.planMembers(named.map((n, i) => ({ team: teamResult.teams[i]!, place: placeOf(n.team), members: n.team.members })));
      counts.villagesCreated += villageResult.created;
      counts.teamsCreated += teamResult.created;
      counts.membersCreated += memberResult.membershipsCreated;
      const inserts = [...villageResult.inserts, ...teamResult.inserts, ...memberResult.inserts];
      return async () => {
        await writeBulk(tx, inserts);
        await memberResult.updates();
      };
    };
    return {
      plan,
      lockReferencedRows: async () => !sessions || (await sessions.teams.lockReferencedRows()),
      review: (rules: CompositionRules) => sessions?.teams.review(rules) ?? null,
    };
  }

  return {
    /** Runs an import for `who`, limited to communes inside `scope`. */
    async run(who: AuditActor, scope: UnitScope, req: Mau2ImportRequest): Promise<Mau2ImportResult> {
      const communes = await communesFor(req, scope);
      // Read before the transaction: on PGlite a query outside it would wait for it to end.
      const rules = (await settings.forProvince(req.structure, req.provinceCode)).composition;
      const counts: Counts = { teamsCreated: 0, membersCreated: 0, villagesCreated: 0 };
      const communeErrors = new IssueList('lỗi');
      // PostgreSQL: written while read, two batches deep. PGlite: read, then written (see above).
      const isWrittenWhileRead = isSeparateServer(db);
      const writer = new BatchWriter<BatchTeam>(isWrittenWhileRead ? 2 : 1);
      let batch: Batch = [];
      let pendingMembers = 0;
      let teams = 0;
      let members = 0;
      let isWriting = true;

      const onTeam = async (team: Mau2ParsedTeam, fileHasErrors: boolean) => {
        teams += 1;
        members += team.members.length;
        const commune = communes.resolve(team);
        if ('issue' in commune) communeErrors.push(commune.issue);
        // Once the file has an error nothing will be kept, so nothing more is written.
        if (fileHasErrors || 'issue' in commune) isWriting = false;
        if (!isWriting || 'issue' in commune) return;
        batch.push({ team, commune: commune.unit });
        pendingMembers += team.members.length;
        if (pendingMembers < batchMembers) return;
        const full = batch;
        batch = [];
        pendingMembers = 0;
        await writer.add(full);
      };
      const read = async () => {
        const parsed = await parseMau2(req.source, { maxRows: req.maxRows, onProgress: req.onProgress, onFileProgress: req.onFileProgress, onTeam });
        if (isWriting) await writer.add(batch);
        return parsed;
      };
      /** The outcome of the reading; the counts of what was created are added once everything is written. */
      const summary = (parsed: Mau2ParseResult): Mau2ImportResult => {
        const isUnreadable = parsed.errors.some((e) => UNREADABLE_CODES.has(e.code) || e.code === 'TOO_MANY_ROWS');
        // Unknown communes are reported together with row errors, so one round of fixes is enough.
        const errors = isUnreadable ? parsed.errors : byRow([...parsed.errors, ...communeErrors.list()]);
        const base = { dryRun: req.isDryRun, rows: parsed.rows, teams, members, errors, warnings: parsed.warnings };
        return { ...base, ok: errors.length === 0, teamsCreated: 0, membersCreated: 0, villagesCreated: 0, changes: null };
      };
      /** Ends the writing and reviews what was planned; `isCheckedHere` when the import answers for the foreign keys it writes. */
      const finish = async (tx: Tx, result: Mau2ImportResult, planner: ReturnType<typeof plannerFor>, isCheckedHere: boolean) => {
        await writer.finish();
        if (isCheckedHere && !(await planner.lockReferencedRows())) {
          throw new AppError('CONFLICT', 'Một số tổ hoặc thành viên có trong tệp vừa bị xóa trong lúc nhập nên không có gì được lưu. Vui lòng nhập lại tệp.');
        }
        if (!applyReview(result, planner.review(rules), req)) throw new Rollback();
        await recordAudit(tx, who, {
          at: clock(),
          action: 'import.mau2',
          entityType: 'import',
          entityId: req.fileName ?? null,
          unitPath: `${req.structure}:/${req.provinceCode}/`,
          after: { provinceCode: req.provinceCode, rows: result.rows, teams, members, ...counts },
        });
        if (req.isDryRun) throw new Rollback();
      };

      let result = isWrittenWhileRead ? null : summary(await read());
      if (result && !result.ok) return result;
      if (result) await req.beforeApply?.();
      try {
        await db.transaction(async (tx) => {
          // Each new membership's person and team are ones this import created or read and locks at
          // the end, so PostgreSQL need not check them row by row (where the role may skip that).
          const isCheckedHere = await skipForeignKeyTriggers(tx);
          const planner = plannerFor(tx, who, req.structure, communes.inScope, counts);
          await writer.start(planner.plan);
          if (!result) {
            try {
              result = summary(await read());
            } finally {
              await writer.settle();
            }
            if (!result.ok) throw new Rollback();
            await req.beforeApply?.();
          }
          await finish(tx, result, planner, isCheckedHere);
        });
      } catch (err) {
        // Someone added a person with a phone of the file meanwhile: the index kept them one person.
        if (isUniqueViolation(err, 'people_path_phone_uq')) throw new AppError('CONFLICT', PHONE_TAKEN_MEANWHILE);
        if (!(err instanceof Rollback)) throw err;
      }
      if (!result!.ok) return result!;
      // A large import leaves the planner without figures for what it wrote (see refreshStatistics).
      if (!req.isDryRun && counts.membersCreated + counts.teamsCreated + counts.villagesCreated > 0) {
        await refreshStatistics(db, { among: PLANNED_TABLES, quick: true });
      }
      return { ...result!, ...counts };
    },
  };
}

/** The Mẫu 2 import service's surface. */
export type Mau2ImportService = ReturnType<typeof createMau2ImportService>;
