/**
 * The cells of a Mẫu 2 member row checked one by one: the API's own limits (the schemas the forms
 * use) apply to what an import stores, and no message quotes more than a few dozen characters of
 * a cell, however long it is.
 */
import { villageCreateSchema } from '../../../shared/schemas/org-units.ts';
import { memberAddSchema, personInputSchema, teamUpdateSchema } from '../../../shared/schemas/teams.ts';
import { normalizePhone } from '../../../shared/phone.ts';
import { UNSTORABLE_TEXT } from '../../../shared/text.ts';
import { cached, parseRole, parseTeamName, quoted } from './mau2.text.ts';

/** The value of a cell, or the issue (code and message) that stops it. */
export type FieldCheck<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** The longest texts an imported row stores, as the API allows them, and the longest commune cell looked up. */
export const MAU2_FIELD_LIMITS = {
  fullName: personInputSchema.shape.fullName.maxLength!,
  phone: personInputSchema.shape.phone.unwrap().unwrap().maxLength!,
  title: memberAddSchema.shape.title.unwrap().unwrap().maxLength!,
  teamName: teamUpdateSchema.shape.name.unwrap().maxLength!,
  villageName: villageCreateSchema.shape.name.maxLength!,
  /** Never stored, only matched: official names with "UBND" and the district are far shorter. */
  communeText: 200,
} as const;

/** A role cell holds the role's words, a separator and the title: one longer than this has too long a title. */
const MAX_ROLE_CELL = MAU2_FIELD_LIMITS.title + 40;

const vi = (n: number) => n.toLocaleString('vi-VN');

function tooLong(code: string, label: string, max: number, text: string): FieldCheck<never> {
  return { ok: false, code, message: `${label} tối đa ${vi(max)} ký tự (ô này có ${vi(text.length)} ký tự)` };
}

/** The issue of a cell PostgreSQL could not store (NUL, half a surrogate pair), or null. */
export function characterIssue(text: string): { code: string; message: string } | null {
  if (!UNSTORABLE_TEXT.test(text)) return null;
  return {
    code: 'INVALID_CHARACTER',
    message: 'Ô có ký tự không hợp lệ (ký tự NUL hoặc ký tự lỗi), thường do sao chép từ phần mềm khác: hãy gõ lại nội dung ô',
  };
}

/** The member's full name: required, within the API's length. */
export function checkName(text: string): FieldCheck<string> {
  if (text === '') return { ok: false, code: 'NAME_REQUIRED', message: 'Thiếu họ tên thành viên' };
  if (text.length > MAU2_FIELD_LIMITS.fullName) return tooLong('NAME_TOO_LONG', 'Họ tên', MAU2_FIELD_LIMITS.fullName, text);
  return { ok: true, value: text };
}

/** The canonical phone, null when blank. */
export function checkPhone(text: string): FieldCheck<string | null> {
  if (text === '') return { ok: true, value: null };
  if (text.length > MAU2_FIELD_LIMITS.phone) return tooLong('PHONE_INVALID', 'Số điện thoại', MAU2_FIELD_LIMITS.phone, text);
  const result = normalizePhone(text);
  return result.ok ? { ok: true, value: result.phone } : { ok: false, code: 'PHONE_INVALID', message: result.message };
}

/** Checks role cells ("Tổ phó - Bí thư Chi đoàn"), each distinct text parsed once. */
export function roleChecker(): (text: string) => FieldCheck<NonNullable<ReturnType<typeof parseRole>>> {
  const roleOf = cached(parseRole);
  return (text) => {
    if (text === '') return { ok: false, code: 'ROLE_REQUIRED', message: 'Thiếu chức vụ: ghi Tổ trưởng, Tổ phó hoặc Tổ viên' };
    // Not parsed when longer: the title could not fit, and the parse need not see a text of any length.
    if (text.length > MAX_ROLE_CELL) return tooLong('TITLE_TOO_LONG', 'Chức vụ và chức danh', MAX_ROLE_CELL, text);
    const role = roleOf(text);
    if (!role)
      return { ok: false, code: 'ROLE_UNKNOWN', message: `Chức vụ "${quoted(text)}" không hợp lệ: dùng Tổ trưởng, Tổ phó hoặc Tổ viên` };
    if (role.title && role.title.length > MAU2_FIELD_LIMITS.title)
      return tooLong('TITLE_TOO_LONG', 'Chức danh', MAU2_FIELD_LIMITS.title, role.title);
    return { ok: true, value: role };
  };
}

/** Checks team cells: the team's name within the API's length, and so the village it names. */
export function teamNameChecker(): (text: string) => FieldCheck<string> {
  const teamNameOf = cached(parseTeamName);
  return (text) => {
    if (text.length > MAU2_FIELD_LIMITS.teamName) return tooLong('TEAM_NAME_TOO_LONG', 'Tên tổ', MAU2_FIELD_LIMITS.teamName, text);
    // The village is part of the name: only a name longer than a village may be can name too long a one.
    const village = text.length > MAU2_FIELD_LIMITS.villageName ? teamNameOf(text).village : null;
    if (village && village.name.length > MAU2_FIELD_LIMITS.villageName) {
      return tooLong('VILLAGE_NAME_TOO_LONG', 'Tên thôn/ấp trong tên tổ', MAU2_FIELD_LIMITS.villageName, village.name);
    }
    return { ok: true, value: text };
  };
}

/** The commune cell, within {@link MAU2_FIELD_LIMITS.communeText}. */
export function checkCommuneText(text: string): FieldCheck<string> {
  if (text.length > MAU2_FIELD_LIMITS.communeText)
    return tooLong('COMMUNE_TOO_LONG', 'Tên xã/phường/thị trấn', MAU2_FIELD_LIMITS.communeText, text);
  return { ok: true, value: text };
}
