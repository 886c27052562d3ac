import type { Services } from '../server/services.ts';
import { CLI_ACTOR, writeDocument } from './documents.ts';

/** `cnscd export settlement --team ID --year YYYY --out FILE.docx [--format pdf]`: the team's settlement statement; returns the exit status. */
export async function exportSettlement(
  services: Services,
  options: { team: string; year: number; out: string; format: 'docx' | 'pdf' },
): Promise<number> {
  const { docx } = await services.statements.statementDocx(CLI_ACTOR, options.team, options.year);
  await writeDocument(services, options.out, { kind: 'docx', data: docx }, options.format);
  console.log(`Đã ghi ${options.out}`);
  return 0;
}
