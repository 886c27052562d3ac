/**
 * Hand-written workbooks for tests: the parts around given worksheets, and the hostile files of
 * issue 21 (findings 1-6), generated here so no binary fixture is committed. Each hostile file is
 * a few kilobytes to a few hundred on disk, however much it inflates to.
 */
import { buildZip, type ZipFile } from './zip.ts';

/** The SpreadsheetML namespace. */
export const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** The prefix of OPC relationship types. */
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A worksheet part around `data` (the inside of `<sheetData>`), with a namespace prefix as some writers use. */
export const sheetXml = (data: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${NS}"><x:sheetData>${data}</x:sheetData></x:worksheet>`;

/** Extra text inside the workbook's first `<sheet>` tag or its first `<Relationship>`. */
export interface PartsOptions {
  sheetTagExtra?: string;
  relationshipExtra?: string;
}

/** The parts of a workbook around the given sheets (and shared strings), for hand-written XML. */
export function workbookParts(
  sheets: ReadonlyArray<{ name: string; xml: string | Buffer }>,
  sharedStrings?: string | Buffer,
  options: PartsOptions = {},
): ZipFile[] {
  const rels = sheets.map(
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"${i === 0 ? (options.relationshipExtra ?? '') : ''}/>`,
  );
  if (sharedStrings) rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>`);
  const sheetTags = sheets.map(
    (s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${i === 0 ? (options.sheetTagExtra ?? '') : ''}/>`,
  );
  const files: ZipFile[] = [
    {
      name: '_rels/.rels',
      data: `<Relationships><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    { name: 'xl/workbook.xml', data: `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheetTags.join('')}</sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships>${rels.join('')}</Relationships>` },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml })),
  ];
  if (sharedStrings) files.push({ name: 'xl/sharedStrings.xml', data: sharedStrings });
  return files;
}

/** A Mẫu 2 header row and member rows, as inline strings in row `first` on: TT, commune, team, name, role, phone. */
export function mau2SheetData(members: ReadonlyArray<readonly string[]>, first = 1): string {
  const header = [
    'TT',
    'Tên xã/phường/thị trấn',
    'Tên Tổ công nghệ số cộng đồng',
    'Họ tên',
    'Chức vụ',
    'Điện thoại di động (đã đăng ký Zalo)',
  ];
  return [header, ...members]
    .map((cells, i) => {
      const r = first + i;
      const cs = cells.map((text, c) =>
        text === '' ? '' : `<x:c r="${String.fromCharCode(65 + c)}${r}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`,
      );
      return `<x:row r="${r}">${cs.join('')}</x:row>`;
    })
    .join('');
}

/** A valid Mẫu 2 team of Phường Sa Đéc (province 82), raw XML text per cell. */
export const SA_DEC_TEAM: ReadonlyArray<readonly string[]> = [
  ['1', 'UBND phường Sa Đéc', 'Tổ CNSCĐ Khóm 2', 'Nguyễn Văn An', 'Tổ trưởng', '0912345678'],
  ['', '', '', 'Trần Thị Bình', 'Tổ viên', '0912345679'],
];

/** A Mẫu 2 workbook of one sheet "S" from raw rows (see {@link mau2SheetData}), with `extra` XML after them. */
export function mau2Workbook(members: ReadonlyArray<readonly string[]> = SA_DEC_TEAM, extra = ''): Buffer {
  return buildZip(workbookParts([{ name: 'S', xml: sheetXml(mau2SheetData(members) + extra) }]));
}

/** Finding 1: a cell reference far beyond column XFD after a valid team; the old reader walked 2³²−1 columns. */
export function beyondXfdWorkbook(): Buffer {
  return mau2Workbook(SA_DEC_TEAM, '<x:row r="9"><x:c r="MWLQKWT9"><x:v>1</x:v></x:c></x:row>');
}

/** Finding 2: a run of `length` attribute-name characters in the workbook's sheet tag, or in a relationship. */
export function longAttributeRunWorkbook(where: 'workbook' | 'rels', length: number): Buffer {
  const run = ` ${'a'.repeat(length)}`;
  const options = where === 'workbook' ? { sheetTagExtra: run } : { relationshipExtra: run };
  return buildZip(workbookParts([{ name: 'S', xml: sheetXml(mau2SheetData(SA_DEC_TEAM)) }], undefined, options));
}

/** Finding 3: one `<v>` of `bytes` digits in a valid team's phone cell, a few hundred KB on disk. */
export function hugeValueWorkbook(bytes: number): Buffer {
  const xml = Buffer.concat([
    Buffer.from(sheetXml(mau2SheetData(SA_DEC_TEAM) + '<x:row r="9"><x:c r="F9"><x:v>').replace('</x:sheetData></x:worksheet>', '')),
    Buffer.alloc(bytes, '1'),
    Buffer.from('</x:v></x:c></x:row></x:sheetData></x:worksheet>'),
  ]);
  return buildZip(workbookParts([{ name: 'S', xml }]));
}

/** Finding 3, the other form: a worksheet whose zip entry declares `declared` bytes, far more than it holds. */
export function declaredHugeWorkbook(declared: number): Buffer {
  const zip = mau2Workbook();
  const sheetName = Buffer.from('xl/worksheets/sheet1.xml');
  // The central directory entry of the sheet: its signature, 42 bytes of fields, then its name.
  for (let at = zip.lastIndexOf(sheetName); at >= 46; at = zip.lastIndexOf(sheetName, at - 1)) {
    if (zip.readUInt32LE(at - 46) === 0x02014b50) {
      zip.writeUInt32LE(declared, at - 46 + 24);
      return zip;
    }
  }
  throw new Error('no central entry for the sheet');
}

/** Finding 4: a shared strings table of `count` one-letter entries, a valid team's sheet beside it. */
export function manySharedStringsWorkbook(count: number): Buffer {
  const shared = Buffer.concat([Buffer.from(`<sst xmlns="${NS}">`), Buffer.alloc(count * 17, '<si><t>a</t></si>'), Buffer.from('</sst>')]);
  return buildZip(workbookParts([{ name: 'S', xml: sheetXml(mau2SheetData(SA_DEC_TEAM)) }], shared));
}

/** Finding 6: a workbook with its sheet stored twice (the second with another team), under the same name or the same name in other case. */
export function duplicateEntryWorkbook(isSameCase: boolean): Buffer {
  const files = workbookParts([{ name: 'S', xml: sheetXml(mau2SheetData(SA_DEC_TEAM)) }]);
  const other = sheetXml(mau2SheetData([['1', 'UBND phường Sa Đéc', 'Tổ CNSCĐ Khóm 3', 'Lê Văn Cường', 'Tổ trưởng', '0912345680']]));
  return buildZip([...files, { name: isSameCase ? 'xl/worksheets/sheet1.xml' : 'XL/Worksheets/Sheet1.xml', data: other }]);
}

/** Finding 6: a stored (uncompressed) sheet with one digit of a phone changed after its CRC-32 was computed. */
export function badCrcWorkbook(): Buffer {
  const files = workbookParts([{ name: 'S', xml: sheetXml(mau2SheetData(SA_DEC_TEAM)) }]).map((f) =>
    f.name.endsWith('sheet1.xml') ? { ...f, isStored: true } : f,
  );
  const zip = buildZip(files);
  const at = zip.indexOf('0912345679');
  zip[at + 9] = 0x37; // …679 → …677: still a valid phone
  return zip;
}

/** A valid team followed by `bytes` of empty unknown elements: a few hundred KB that take the reader seconds to scan. */
export function junkTagsWorkbook(bytes: number): Buffer {
  const xml = Buffer.concat([
    Buffer.from(sheetXml(mau2SheetData(SA_DEC_TEAM)).replace('</x:sheetData></x:worksheet>', '')),
    Buffer.alloc(bytes, '<a/>'),
    Buffer.from('</x:sheetData></x:worksheet>'),
  ]);
  return buildZip(workbookParts([{ name: 'S', xml }]));
}

/** A team of `members` rows, each with an invalid phone: an error on every row. */
export function everyRowWrongWorkbook(members: number): Buffer {
  const rows = Array.from({ length: members }, (_, i) =>
    i === 0
      ? ['1', 'UBND phường Sa Đéc', 'Tổ CNSCĐ Khóm 2', 'Nguyễn Văn An', 'Tổ trưởng', '123']
      : ['', '', '', `Thành viên ${i}`, 'Tổ viên', '123'],
  );
  return mau2Workbook(rows);
}
