import { parseArgs } from 'node:util';
import type { Services } from '../server/services.ts';
import { CLI_ACTOR, formatOf, UsageError, writeDocument } from './documents.ts';

const USAGE = 'Dùng: cnscd export settlement --team MÃ_TỔ --year YYYY --out TỆP.docx [--format pdf]';

/** `cnscd export settlement --team ID --year YYYY --out FILE.docx [--format pdf]`: the team's settlement statement; returns the exit status. */
export async function exportSettlement(services: Services, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { team: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' } } });
  if (!values.team || !values.year || !values.out) throw new UsageError(USAGE);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.team)) throw new UsageError('--team là mã tổ (UUID), xem trên trang của tổ');
  const year = Number(values.year);
  if (!/^\d{4}$/.test(values.year) || year < 2020 || year > 2100) throw new UsageError('--year là năm gồm 4 chữ số, từ 2020 đến 2100');
  const format = formatOf(values.format, 'docx');
  const { docx } = await services.statements.statementDocx(CLI_ACTOR, values.team, year);
  await writeDocument(services, values.out, { kind: 'docx', data: docx }, format);
  console.log(`Đã ghi ${values.out}`);
  return 0;
}
