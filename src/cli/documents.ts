import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { MAU2_LIMITS, mau2ImportQuerySchema, mau2LayoutSchema, type Mau2Changes } from '../shared/schemas/imports.ts';
import { collect } from '../server/http/files.ts';
import { structureSchema } from '../shared/schemas/org-units.ts';
import type { Actor } from '../server/http/context.ts';
import type { Services } from '../server/services.ts';
import { writeJson } from './json-output.ts';
import { createProgress } from './progress.ts';

/** Thrown for bad command-line usage: exit status 2. */
export class UsageError extends Error {}

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

function structureOf(value: string | undefined) {
  const parsed = structureSchema.safeParse(value ?? 'current');
  if (!parsed.success) throw new UsageError('--structure phải là current, 2025 hoặc legacy');
  return parsed.data;
}

/** What `cnscd import mau2` was asked to do. */
export interface ImportMau2Options {
  file: string;
  province: string;
  structure: ReturnType<typeof structureOf>;
  isDryRun: boolean;
  isJson: boolean;
  /** The confirmation code a `--dry-run` printed: save only the changes it listed. */
  confirm: string | undefined;
}

/** Checks the arguments of `cnscd import mau2 FILE --province CODE [--structure S] [--dry-run] [--confirm DIGEST] [--json]` before the database is opened. */
export function parseImportMau2Args(args: string[]): ImportMau2Options {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { province: { type: 'string' }, structure: { type: 'string' }, 'dry-run': { type: 'boolean' }, confirm: { type: 'string' }, json: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || !values.province) throw new UsageError('Dùng: cnscd import mau2 TỆP.xlsx --province MÃ_TỈNH [--structure S] [--dry-run] [--confirm MÃ] [--json]');
  const confirm = values.confirm === undefined ? undefined : mau2ImportQuerySchema.shape.confirm.safeParse(values.confirm);
  if (confirm && !confirm.success) throw new UsageError('--confirm là mã xác nhận (64 ký tự) mà lần chạy --dry-run in ra');
  if (!/^[0-9]{2}$/.test(values.province)) throw new UsageError('--province là mã tỉnh gồm 2 chữ số, ví dụ 82');
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new UsageError(`Không tìm thấy tệp ${file}`);
  return { file, province: values.province, structure: structureOf(values.structure), isDryRun: values['dry-run'] === true, isJson: values.json === true, confirm: confirm?.data };
}

/** Runs `cnscd import mau2`; returns the exit status. */
export async function importMau2(services: Services, { file, province, structure, isDryRun, isJson, confirm }: ImportMau2Options): Promise<number> {
  const progress = createProgress('Đọc tệp', 1);
  const result = await services.mau2Import.run({ userId: null, username: 'cli', ip: null }, 'all', {
    source: file,
    onFileProgress: (fraction) => progress.update(fraction),
    provinceCode: province,
    structure,
    isDryRun,
    maxRows: MAU2_LIMITS.maxRows,
    fileName: file,
    confirm,
  });
  progress.done();
  if (isJson) writeJson(result);
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

/** `--format`: the document's own format (`native`) or pdf; anything else is a usage error. */
export function formatOf(value: string | undefined, native: 'docx' | 'xlsx'): 'docx' | 'xlsx' | 'pdf' {
  const format = value ?? native;
  if (format !== native && format !== 'pdf') throw new UsageError(`--format là ${native} hoặc pdf`);
  return format;
}

/** Writes a generated document to `out`, or its PDF (LibreOffice) when asked. */
export async function writeDocument(services: Services, out: string, file: { kind: 'docx' | 'xlsx'; data: Buffer }, format: 'docx' | 'xlsx' | 'pdf'): Promise<void> {
  const data = format === 'pdf' ? await services.pdf.convert({ name: `tai-lieu.${file.kind}`, data: file.data }) : file.data;
  fs.writeFileSync(out, data);
}

const EXPORT_USAGE =
  'Dùng: cnscd export mau2 --unit MÃ --out TỆP.xlsx [--layout consolidated] [--format pdf] | ' +
  'cnscd export decision --unit MÃ_XÃ --out TỆP.docx [--number N --date YYYY-MM-DD --signer "HỌ TÊN" --reestablishment] [--format pdf]';

const CHANGE_WORDS = { new: 'MỚI', role: 'ĐỔI CHỨC VỤ', team: 'THÊM TỔ', rejoin: 'TRỞ LẠI' } as const;

/** Who is new or changes, by name, and the confirmation code of this check. */
function printChanges(changes: Mau2Changes | null) {
  if (!changes) return;
  for (const c of changes.items) console.log(`${CHANGE_WORDS[c.kind]}  ${c.sheet} dòng ${c.row}  ${c.fullName} — ${c.teamName}: ${c.message}`);
  const { counts } = changes;
  console.log(`Người mới: ${counts.new}; đổi chức vụ: ${counts.role}; thêm vào tổ khác: ${counts.team}; trở lại sau khi đã rời: ${counts.rejoin}.`);
  console.log(`Mã xác nhận: ${changes.digest} (nhập với --confirm ${changes.digest} để chỉ lưu đúng những thay đổi này)`);
}

/** `cnscd export mau2|decision …`. */
export async function exportDocument(services: Services, args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      unit: { type: 'string' },
      out: { type: 'string' },
      structure: { type: 'string' },
      number: { type: 'string' },
      date: { type: 'string' },
      signer: { type: 'string' },
      layout: { type: 'string' },
      format: { type: 'string' },
      reestablishment: { type: 'boolean' },
    },
  });
  if ((kind !== 'mau2' && kind !== 'decision') || !values.unit || !values.out) throw new UsageError(EXPORT_USAGE);
  if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date có dạng YYYY-MM-DD');
  const layout = mau2LayoutSchema.safeParse(values.layout ?? 'by-commune');
  if (!layout.success) throw new UsageError('--layout là by-commune hoặc consolidated');
  const structure = structureOf(values.structure);
  const format = formatOf(values.format, kind === 'mau2' ? 'xlsx' : 'docx');
  const { unit, out } = values;
  if (kind === 'mau2') {
    const data = await collect((sink) => services.documents.writeMau2(CLI_ACTOR, structure, unit, sink, layout.data));
    await writeDocument(services, out, { kind: 'xlsx', data }, format);
  } else {
    const purpose = values.reestablishment ? 'reestablishment' : 'establishment';
    const data = await services.documents.decisionDocx(CLI_ACTOR, structure, unit, { ...values, purpose });
    await writeDocument(services, out, { kind: 'docx', data }, format);
  }
  console.log(`Đã ghi ${out}`);
  return 0;
}
