import fs from 'node:fs';
import { MAU2_LIMITS, type Mau2Changes, type Mau2Layout } from '../shared/schemas/imports.ts';
import type { Structure } from '../shared/schemas/org-units.ts';
import { collect } from '../server/http/files.ts';
import type { Actor } from '../server/http/context.ts';
import type { Services } from '../server/services.ts';
import { writeJson } from './json-output.ts';
import { createProgress } from './progress.ts';

/** The CLI acts as a system administrator over the whole country (it runs on the server itself). */
export const CLI_ACTOR: Actor = {
  userId: '',
  username: 'cli',
  displayName: 'Dòng lệnh',
  mustChangePassword: false,
  personId: null,
  organization: null,
  assignments: [{ id: 'cli', role: 'admin', structure: null, unitCode: null, unitName: null, unitPath: null }],
  ip: 'cli',
};

/** What `cnscd import mau2 FILE` was asked to do (checked before the database is opened). */
export interface ImportMau2Options {
  province: string;
  structure: Structure;
  dryRun?: true;
  json?: true;
  /** The confirmation code a `--dry-run` printed: save only the changes it listed. */
  confirm?: string;
}

/** Runs `cnscd import mau2 FILE`; returns the exit status (1: the file has errors, nothing saved). */
export async function importMau2(
  services: Services,
  file: string,
  { province, structure, dryRun, json, confirm }: ImportMau2Options,
): Promise<number> {
  const progress = createProgress('Đọc tệp', 1);
  const result = await services.mau2Import.run({ userId: null, username: 'cli', ip: null }, 'all', {
    source: file,
    onFileProgress: (fraction) => progress.update(fraction),
    provinceCode: province,
    structure,
    isDryRun: dryRun === true,
    maxRows: MAU2_LIMITS.maxRows,
    fileName: file,
    confirm,
  });
  progress.done();
  if (json) writeJson(result);
  else printImportSummary(result);
  return result.ok ? 0 : 1;
}

function printImportSummary(r: Awaited<ReturnType<Services['mau2Import']['run']>>) {
  for (const e of r.errors) console.log(`LỖI  ${e.sheet} dòng ${e.row}${e.column ? ` cột ${e.column}` : ''} [${e.code}] ${e.message}`);
  for (const w of r.warnings) console.log(`CẢNH BÁO  ${w.sheet} dòng ${w.row} [${w.code}] ${w.message}`);
  printChanges(r.changes);
  const verb = r.dryRun ? 'Kiểm tra (không lưu)' : 'Đã nhập';
  console.log(
    r.ok
      ? `${verb}: ${r.rows} dòng, ${r.teams} tổ, ${r.members} thành viên; tạo mới ${r.teamsCreated} tổ, ${r.membersCreated} thành viên, ${r.villagesCreated} thôn/ấp.`
      : `Tệp có ${r.errors.length} lỗi; không có gì được lưu.`,
  );
}

/** Writes a generated document to `out`, or its PDF (LibreOffice) when asked. */
export async function writeDocument(
  services: Services,
  out: string,
  file: { kind: 'docx' | 'xlsx'; data: Buffer },
  format: 'docx' | 'xlsx' | 'pdf',
): Promise<void> {
  const data = format === 'pdf' ? await services.pdf.convert({ name: `tai-lieu.${file.kind}`, data: file.data }) : file.data;
  fs.writeFileSync(out, data);
}

const CHANGE_WORDS = { new: 'MỚI', role: 'ĐỔI CHỨC VỤ', team: 'THÊM TỔ', rejoin: 'TRỞ LẠI' } as const;

/** Who is new or changes, by name, and the confirmation code of this check. */
function printChanges(changes: Mau2Changes | null) {
  if (!changes) return;
  for (const c of changes.items)
    console.log(`${CHANGE_WORDS[c.kind]}  ${c.sheet} dòng ${c.row}  ${c.fullName} — ${c.teamName}: ${c.message}`);
  const { counts } = changes;
  console.log(
    `Người mới: ${counts.new}; đổi chức vụ: ${counts.role}; thêm vào tổ khác: ${counts.team}; trở lại sau khi đã rời: ${counts.rejoin}.`,
  );
  console.log(`Mã xác nhận: ${changes.digest} (nhập với --confirm ${changes.digest} để chỉ lưu đúng những thay đổi này)`);
}

/** What every `cnscd export` writes: where, in which format, from which structure's codes. */
interface ExportOptions<F> {
  out: string;
  format: F;
  structure: Structure;
}

/** `cnscd export mau2 --unit CODE --out FILE`: the unit's Mẫu 2 list (xlsx, or its PDF). */
export async function exportMau2(
  services: Services,
  options: ExportOptions<'xlsx' | 'pdf'> & { unit: string; layout: Mau2Layout },
): Promise<number> {
  const data = await collect((sink) => services.documents.writeMau2(CLI_ACTOR, options.structure, options.unit, sink, options.layout));
  await writeDocument(services, options.out, { kind: 'xlsx', data }, options.format);
  console.log(`Đã ghi ${options.out}`);
  return 0;
}

/** What `cnscd export decision` puts in the decision beside the commune's teams. */
interface DecisionCliOptions {
  unit: string;
  number?: string;
  date?: string;
  signer?: string;
  reestablishment?: true;
}

/** `cnscd export decision --unit COMMUNE --out FILE`: the decision establishing (or re-establishing) the commune's teams. */
export async function exportDecision(services: Services, options: ExportOptions<'docx' | 'pdf'> & DecisionCliOptions): Promise<number> {
  const { number, date, signer } = options;
  const purpose = options.reestablishment ? 'reestablishment' : 'establishment';
  const data = await services.documents.decisionDocx(CLI_ACTOR, options.structure, options.unit, { number, date, signer, purpose });
  await writeDocument(services, options.out, { kind: 'docx', data }, options.format);
  console.log(`Đã ghi ${options.out}`);
  return 0;
}
