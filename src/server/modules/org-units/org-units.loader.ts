import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { foldVietnamese } from '../../../shared/text.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db } from '../../db/client.ts';
import { childPath, rootPath } from '../../lib/tree-path.ts';
import { findMeta, replaceSuccessors, setMeta, upsertOfficialUnits, type OfficialUnitRow } from './org-units.repo.ts';

const DATA_DIR = fileURLToPath(new URL('../../../../reference/vn-units/', import.meta.url));
const FILES: Record<Structure, string> = {
  current: 'units-current.json',
  '2025': 'units-2025.json',
  legacy: 'units-legacy.json',
};
const SUCCESSORS_FILE = 'units-legacy-to-2025.json';
const VERSION_KEY = 'vn_units_version';

interface SourceUnit {
  code: string;
  name: string;
  shortName: string;
  type: string;
  parentCode: string | null;
}

interface SourceSuccessor {
  legacyCode: string;
  newCode: string;
  partial: boolean;
}

const LEVEL_BY_CODE_LENGTH: Record<number, OfficialUnitRow['level']> = { 2: 'province', 3: 'district', 5: 'commune' };

/** Turns one structure's source records (sorted parents first) into rows with paths. */
export function toUnitRows(structure: Structure, source: readonly SourceUnit[]): OfficialUnitRow[] {
  const byCode = new Map<string, OfficialUnitRow>();
  for (const unit of source) {
    const level = LEVEL_BY_CODE_LENGTH[unit.code.length];
    if (!level) throw new Error(`Mã đơn vị không hợp lệ trong dữ liệu ${structure}: ${unit.code}`);
    const parent = unit.parentCode ? byCode.get(unit.parentCode) : undefined;
    if (unit.parentCode && !parent) throw new Error(`Đơn vị ${unit.code} có cấp trên ${unit.parentCode} chưa được nạp`);
    const row: OfficialUnitRow = {
      structure,
      code: unit.code,
      name: unit.name.normalize('NFC'),
      shortName: unit.shortName.normalize('NFC'),
      type: unit.type,
      level,
      parentCode: unit.parentCode,
      provinceCode: parent ? parent.provinceCode : unit.code,
      path: childPath(parent ? parent.path : rootPath(structure), unit.code),
      searchName: foldVietnamese(unit.name),
    };
    byCode.set(unit.code, row);
  }
  return [...byCode.values()];
}

async function readSource<T>(file: string): Promise<{ text: string; data: T }> {
  const text = await readFile(DATA_DIR + file, 'utf8');
  return { text, data: JSON.parse(text) as T };
}

/**
 * Loads the official administrative units and the legacy → 2025 mapping when the shipped data
 * differs from what the database holds. Idempotent; a no-op on every start after the first.
 */
export async function ensureUnitsLoaded(db: Db, log: (msg: string) => void = () => {}): Promise<boolean> {
  const structures = Object.keys(FILES) as Structure[];
  const sources = await Promise.all(structures.map((s) => readSource<SourceUnit[]>(FILES[s])));
  const successors = await readSource<SourceSuccessor[]>(SUCCESSORS_FILE);
  const hash = createHash('sha256');
  for (const s of [...sources, successors]) hash.update(s.text);
  const version = hash.digest('hex').slice(0, 16);
  if ((await findMeta(db, VERSION_KEY)) === version) return false;

  log(`Đang nạp dữ liệu đơn vị hành chính (phiên bản ${version})…`);
  await db.transaction(async (tx) => {
    for (const [i, structure] of structures.entries()) {
      await upsertOfficialUnits(tx, toUnitRows(structure, sources[i]!.data));
    }
    await replaceSuccessors(
      tx,
      'legacy',
      '2025',
      successors.data.map((s) => ({ fromCode: s.legacyCode, toCode: s.newCode, isPartial: s.partial })),
    );
    await setMeta(tx, VERSION_KEY, version);
  });
  log('Đã nạp xong dữ liệu đơn vị hành chính.');
  return true;
}
