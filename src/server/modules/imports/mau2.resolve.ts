import { foldVietnamese } from '../../../shared/text.ts';
import { parseCommuneText, quoted } from './mau2.text.ts';

/** A commune the file may name, with its district in the legacy structure. */
export interface CommuneCandidate {
  code: string;
  shortName: string;
  type: string;
  parentShortName: string;
}

const DISTRICT_TYPES = ['thanh pho', 'thi xa', 'quan', 'huyen'];

function districtKey(text: string): string {
  const folded = foldVietnamese(text);
  const type = DISTRICT_TYPES.find((t) => folded.startsWith(`${t} `));
  return type ? folded.slice(type.length + 1) : folded;
}

/** Result of matching a commune cell against the province's communes. */
export type CommuneMatch = { ok: true; code: string } | { ok: false; code: 'COMMUNE_NOT_FOUND' | 'COMMUNE_AMBIGUOUS'; message: string };

/**
 * Finds the commune a cell names ("UBND phường 1, thành phố Trà Vinh", "xã Tân Dương",
 * "Xa Tan Duong") among the province's communes, by folded short name, then type, then district.
 */
export function matchCommune(text: string, candidates: readonly CommuneCandidate[]): CommuneMatch {
  const parsed = parseCommuneText(text);
  // "Tân Thành" and "Tân Thạnh" fold alike: an exact (case-insensitive) match wins over a folded one.
  const exact = parsed.name.toLocaleLowerCase('vi');
  const name = foldVietnamese(parsed.name);
  const exactMatches = candidates.filter((c) => c.shortName.toLocaleLowerCase('vi') === exact);
  let found = exactMatches.length > 0 ? exactMatches : candidates.filter((c) => foldVietnamese(c.shortName) === name);
  if (parsed.type && found.length > 1) found = found.filter((c) => c.type === parsed.type);
  if (parsed.district && found.length > 1) {
    const district = districtKey(parsed.district);
    found = found.filter((c) => foldVietnamese(c.parentShortName) === district);
  }
  if (parsed.type && found.length === 1 && found[0]!.type !== parsed.type) found = [];
  if (found.length === 1) return { ok: true, code: found[0]!.code };
  if (found.length === 0) {
    return { ok: false, code: 'COMMUNE_NOT_FOUND', message: `Không tìm thấy xã/phường "${quoted(text)}" trong tỉnh đã chọn.` };
  }
  return {
    ok: false,
    code: 'COMMUNE_AMBIGUOUS',
    message: `Có ${found.length} xã/phường tên "${quoted(parsed.name)}" trong tỉnh; ghi rõ huyện/thành phố, ví dụ "${parsed.type ?? 'xã'} ${quoted(parsed.name)}, huyện …".`,
  };
}
