import type { Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { isSeparateServer, skipForeignKeyTriggers } from '../../db/bulk.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { UnitScope } from '../../db/scope.ts';
import { transactionWithOutcome, type Outcome } from '../../db/transaction.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { VillagesService } from '../org-units/villages.service.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import type { CompositionRules } from '../teams/composition.ts';
import type { TeamImportSession } from '../teams/team-import-session.ts';
import type { TeamImporter } from '../teams/teams.import.ts';
import { BatchWriter } from './batch-writer.ts';
import { communesFor } from './mau2.communes.ts';
import type { Mau2Issue } from './mau2.parse.ts';
import { plannerFor, type BatchTeam, type Mau2Counts, type Mau2Planner } from './mau2.planner.ts';
import { byRow, Mau2Reading } from './mau2.reading.ts';

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

const REFERENCED_ROWS_GONE =
  'Một số tổ hoặc thành viên có trong tệp vừa bị xóa trong lúc nhập nên không có gì được lưu. Vui lòng nhập lại tệp.';

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

/** The plan and write stages once started in a transaction. */
interface Writing {
  planner: Mau2Planner;
  /** True when the import answers for the foreign keys it writes (their triggers are off). */
  isCheckedHere: boolean;
}

/** One import under way: its stages (read → resolve → plan → write), wired together. */
interface Mau2Job {
  req: Mau2ImportRequest;
  reading: Mau2Reading;
  writer: BatchWriter<BatchTeam>;
  counts: Mau2Counts;
  /** Starts planning and writing the batches (held or to come) inside `tx`. */
  startWriting(tx: Tx): Promise<Writing>;
  /** Ends the writing and reviews what was planned: whether to keep it, with the result. */
  finish(tx: Tx, writing: Writing, result: Mau2ImportResult): Promise<Outcome<Mau2ImportResult>>;
}

/** The order in which a driver runs an import's stages. */
interface Mau2Driver {
  /** How many batches may wait to be written. */
  depth: number;
  run(db: Db, job: Mau2Job): Promise<Mau2ImportResult>;
}

/**
 * PostgreSQL: the transaction opens first and batches are written while the file is still being
 * read (the server inserts one batch while this thread reads the next, two deep), so memory
 * stays bounded.
 */
const WRITTEN_WHILE_READ: Mau2Driver = {
  depth: 2,
  run: (db, job) =>
    transactionWithOutcome(db, async (tx) => {
      const writing = await job.startWriting(tx);
      let result: Mau2ImportResult;
      try {
        result = await job.reading.read();
      } finally {
        // No query may still run once the transaction ends.
        await job.writer.settle();
      }
      if (!result.ok) return { isKept: false, value: result };
      await job.req.beforeApply?.();
      return job.finish(tx, writing, result);
    }),
};

/**
 * PGlite, which runs on this thread: the file is read first (its batches held) and the
 * transaction opened after, so other requests are not held up while it is read.
 */
const READ_THEN_WRITTEN: Mau2Driver = {
  depth: 1,
  async run(db, job) {
    const result = await job.reading.read();
    if (!result.ok) return result;
    await job.req.beforeApply?.();
    return transactionWithOutcome(db, async (tx) => job.finish(tx, await job.startWriting(tx), result));
  },
};

/**
 * Mẫu 2 import: read the file (streaming), resolve each team's commune, plan each batch of
 * villages, teams, people and memberships (find or create), and write them, all in ONE
 * transaction. The driver decides the order ({@link WRITTEN_WHILE_READ} on PostgreSQL,
 * {@link READ_THEN_WRITTEN} on PGlite). Any error → nothing is saved. A dry run does the same work
 * and its transaction is rolled back, so its counts are exact.
 */
export function createMau2ImportService({ db, clock, orgUnits, villages, teamImporter, settings, batchMembers = BATCH_MEMBERS }: Deps) {
  function createJob(
    who: AuditActor,
    req: Mau2ImportRequest,
    communes: Awaited<ReturnType<typeof communesFor>>,
    rules: CompositionRules,
    depth: number,
  ): Mau2Job {
    const writer = new BatchWriter<BatchTeam>(depth);
    const counts: Mau2Counts = { teamsCreated: 0, membersCreated: 0, villagesCreated: 0 };
    const reading = new Mau2Reading(req, communes, writer, batchMembers);
    return {
      req,
      reading,
      writer,
      counts,
      async startWriting(tx) {
        // Each new membership's person and team are ones this import created or read and locks at
        // the end, so PostgreSQL need not check them row by row (where the role may skip that).
        const isCheckedHere = await skipForeignKeyTriggers(tx);
        const planner = plannerFor({ villages, teamImporter }, tx, who, req.structure, communes.inScope, counts);
        await writer.start(planner.plan);
        return { planner, isCheckedHere };
      },
      async finish(tx, { planner, isCheckedHere }, result) {
        await writer.finish();
        if (isCheckedHere && !(await planner.lockReferencedRows())) throw new AppError('CONFLICT', REFERENCED_ROWS_GONE);
        if (!applyReview(result, planner.review(rules), req)) return { isKept: false, value: result };
        await recordAudit(tx, who, {
          at: clock(),
          action: 'import.mau2',
          entityType: 'import',
          entityId: req.fileName ?? null,
          unitPath: `${req.structure}:/${req.provinceCode}/`,
          after: { provinceCode: req.provinceCode, rows: result.rows, teams: reading.teams, members: reading.members, ...counts },
        });
        return { isKept: !req.isDryRun, value: result };
      },
    };
  }

  return {
    /** Runs an import for `who`, limited to communes inside `scope`. */
    async run(who: AuditActor, scope: UnitScope, req: Mau2ImportRequest): Promise<Mau2ImportResult> {
      const communes = await communesFor(orgUnits, req, scope);
      // Read before the transaction: on PGlite a query outside it would wait for it to end.
      const rules = (await settings.forProvince(req.structure, req.provinceCode)).composition;
      const driver = isSeparateServer(db) ? WRITTEN_WHILE_READ : READ_THEN_WRITTEN;
      const job = createJob(who, req, communes, rules, driver.depth);
      const result = await driver.run(db, job).catch((err: unknown) => {
        // Someone added a person with a phone of the file meanwhile: the index kept them one person.
        throw isUniqueViolation(err, 'people_path_phone_uq') ? new AppError('CONFLICT', PHONE_TAKEN_MEANWHILE) : err;
      });
      if (!result.ok) return result;
      const { counts } = job;
      // A large import leaves the planner without figures for what it wrote (see refreshStatistics).
      if (!req.isDryRun && counts.membersCreated + counts.teamsCreated + counts.villagesCreated > 0) {
        await refreshStatistics(db, { among: PLANNED_TABLES, quick: true });
      }
      return { ...result, ...counts };
    },
  };
}

/** The Mẫu 2 import service's surface. */
export type Mau2ImportService = ReturnType<typeof createMau2ImportService>;
