/**
 * Administrative unit names as Decree 30/2020 (Phụ lục II) writes them inside a sentence: the
 * generic word in lower case ("tỉnh Đồng Tháp", "xã Tân Hòa"), except for units named by a
 * number ("Phường 1", "Khóm 3") and the two special names ("Thành phố Hồ Chí Minh", "Thủ đô Hà
 * Nội"). Units named after a person or an event ("Phường Điện Biên Phủ") cannot be told from the
 * name alone and are written with a lower-case generic word.
 */

/** Generic words of unit names, longest first so "Thành phố" wins over "Thành". */
const GENERIC = [
  'Tổ dân phố',
  'Khu dân cư',
  'Khu phố',
  'Thành phố',
  'Thị trấn',
  'Thị xã',
  'Đặc khu',
  'Tỉnh',
  'Huyện',
  'Quận',
  'Phường',
  'Xã',
  'Thôn',
  'Ấp',
  'Khóm',
  'Bản',
  'Buôn',
  'Làng',
  'Xóm',
  'Sóc',
  'Khu',
  'Tổ',
];
const KEEP = ['Thành phố Hồ Chí Minh', 'Thủ đô Hà Nội'];
const GENERIC_RE = new RegExp(`^(${GENERIC.join('|')}) (.+)$`, 'u');
const NUMBERED_RE = new RegExp(
  `(^|[\\s(,;])(${GENERIC.map((g) => g.toLocaleLowerCase('vi')).join('|')}) (\\d+[A-Za-z]?)(?=$|[\\s),.;:])`,
  'gu',
);

/** A unit's name as written inside a sentence: "Tỉnh Đồng Tháp" → "tỉnh Đồng Tháp", "Phường 1" stays. */
export function unitInText(name: string): string {
  if (KEEP.includes(name)) return name;
  const match = GENERIC_RE.exec(name);
  if (!match || /^\d/u.test(match[2]!)) return name;
  return `${match[1]!.toLocaleLowerCase('vi')} ${match[2]}`;
}

/**
 * Capitalises the generic word of units named by a number inside free text, as typed in team
 * names and titles: "Tổ công nghệ số cộng đồng khóm 1" → "… Khóm 1", "Trưởng ấp 3" → "Trưởng Ấp 3".
 */
export function capitaliseNumberedUnits(text: string): string {
  return text.replace(
    NUMBERED_RE,
    (_, before: string, word: string, number: string) => `${before}${word.charAt(0).toLocaleUpperCase('vi')}${word.slice(1)} ${number}`,
  );
}
