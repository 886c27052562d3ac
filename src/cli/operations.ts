import type { Config } from '../server/config.ts';
import { createOrgUnitsService } from '../server/modules/org-units/org-units.service.ts';
import type { Structure } from '../shared/schemas/org-units.ts';
import { generateBenchData, type BenchScale } from '../../bench/dataset/generate.ts';
import type { Services } from '../server/services.ts';
import { withDatabase } from './database.ts';
import { writeJson } from './json-output.ts';

/** `cnscd migrate`: the schema up to date and the reference data loaded. */
export async function migrate(config: Config): Promise<number> {
  await withDatabase(config, 'cnscd migrate', async () => console.log('Cơ sở dữ liệu đã được cập nhật.'));
  return 0;
}

/** `cnscd units stats`: units per level and type of one structure. */
export async function unitsStats(config: Config, options: { structure: Structure; json?: true }): Promise<number> {
  const { structure } = options;
  const stats = await withDatabase(config, 'cnscd units stats', ({ db }) => createOrgUnitsService({ db }).stats(structure));
  if (options.json) {
    writeJson(stats);
    return 0;
  }
  console.log(`Cơ cấu: ${structure}`);
  for (const level of stats.levels) {
    const types = Object.entries(level.byType)
      .map(([t, n]) => `${n.toLocaleString('vi-VN')} ${t}`)
      .join(', ');
    console.log(`  ${level.level.padEnd(9)} ${level.total.toLocaleString('vi-VN').padStart(7)}  (${types})`);
  }
  return 0;
}

/** `cnscd notify due`: deadline reminders of directives into the outbox (never twice). */
export async function notifyDue(services: Services): Promise<number> {
  console.log(`Đã tạo ${await services.taskReminders.remindDueTasks(new Date())} nhắc hạn.`);
  return 0;
}

/** `cnscd notify reports`: reminders of periodic reports due or overdue (never twice). */
export async function notifyReports(services: Services): Promise<number> {
  console.log(`Đã tạo ${await services.reportStatus.remind(new Date())} nhắc hạn báo cáo.`);
  return 0;
}

/** `cnscd notify deliver`: one delivery pass of the outbox (e-mail, Web Push, Zalo). */
export async function notifyDeliver(services: Services, options: { json?: true }): Promise<number> {
  const report = await services.delivery.deliverOnce();
  if (options.json) writeJson(report);
  else
    console.log(`Đã gửi ${report.sent}, sẽ thử lại ${report.retrying}, bỏ ${report.failed} (phân phát ${report.fannedOut} thông báo mới).`);
  return 0;
}

/** `cnscd bench generate`: the deterministic benchmark dataset (small: province 82; national: every unit). */
export async function benchGenerate(
  config: Config,
  options: { scale: BenchScale; seed?: number; databaseUrl?: string; json?: true },
): Promise<number> {
  const target = options.databaseUrl ? { ...config, DATABASE_URL: options.databaseUrl } : config;
  const summary = await withDatabase(target, 'cnscd bench generate', (database) =>
    generateBenchData(database.db, {
      scale: options.scale,
      seed: options.seed,
      embedded: database.kind === 'pglite',
      log: (line) => console.error(line),
    }),
  );
  if (options.json) writeJson(summary);
  else
    console.log(
      `Đã sinh ${summary.teams} tổ, ${summary.people} thành viên, ${summary.activities} hoạt động trong ${summary.seconds.total} s.`,
    );
  return 0;
}
