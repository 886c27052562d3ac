// jszip comes with docx; only the tests import it, to look inside the generated package.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { DecisionModel } from './documents.model.ts';
import { decisionMemberLine, formatDocumentDate, renderDecisionDocx } from './decision.docx.ts';
import { NAME_BLANK } from '../../lib/nd30-blocks.ts';

const model: DecisionModel = {
  parentAgency: null,
  agencyLines: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG SA ĐÉC'],
  number: '05',
  symbol: 'QĐ-UBND',
  place: 'Sa Đéc',
  // 17:30 UTC on 4 January is already 5 January in Vietnam.
  date: new Date('2026-01-04T17:30:00Z'),
  year: 2026,
  excerpt: 'Về việc thành lập các Tổ công nghệ số cộng đồng trên địa bàn phường Sa Đéc',
  authority: 'CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG SA ĐÉC',
  legalBases: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025',
    'Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt “Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”',
  ],
  proposal: 'Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Sa Đéc',
  office: 'Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Sa Đéc',
  communeName: 'phường Sa Đéc',
  departmentName: 'Sở Khoa học và Công nghệ',
  teams: [
    {
      name: 'Tổ công nghệ số cộng đồng Khóm 1',
      members: [
        { fullName: 'Lê Văn Cường', gender: null, role: 'member', title: null },
        { fullName: 'Trần Thị Bình', gender: 'female', role: 'deputy', title: 'Bí thư Chi đoàn khóm 1' },
        { fullName: 'Nguyễn Văn An', gender: 'male', role: 'leader', title: 'Trưởng khóm' },
      ],
    },
    { name: 'Tổ công nghệ số cộng đồng Khóm 2', members: [{ fullName: 'Phạm Thị Dung', gender: 'female', role: 'leader', title: null }] },
  ],
  recipients: ['Như Điều 4;', 'Sở Khoa học và Công nghệ;', 'Lưu: VT.'],
  signer: { prefix: null, titleLines: ['CHỦ TỊCH'], name: 'Võ Văn Giàu' },
};

/** document.xml of a rendered model, plus its paragraphs as plain text. */
async function render(data: DecisionModel): Promise<{ buffer: Buffer; xml: string; paragraphs: string[] }> {
  const buffer = await renderDecisionDocx(data);
  const zip = await JSZip.loadAsync(buffer);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return { buffer, xml, paragraphs: paragraphTexts(xml) };
}

/** Concatenated <w:t> text of each <w:p> in `xml` (a line break read as a space), entities decoded. */
function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((t) => t[1] ?? ' ')
      .join('')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

describe('formatDocumentDate', () => {
  it('pads days below 10 and months 1 and 2 only', () => {
    expect(formatDocumentDate(new Date('2026-01-05T03:00:00Z'))).toBe('ngày 05 tháng 01 năm 2026');
    expect(formatDocumentDate(new Date('2026-02-28T03:00:00Z'))).toBe('ngày 28 tháng 02 năm 2026');
    expect(formatDocumentDate(new Date('2026-06-29T03:00:00Z'))).toBe('ngày 29 tháng 6 năm 2026');
    expect(formatDocumentDate(new Date('2026-12-09T03:00:00Z'))).toBe('ngày 09 tháng 12 năm 2026');
  });

  it('uses the Vietnamese calendar day', () => {
    expect(formatDocumentDate(new Date('2025-12-31T17:00:00Z'))).toBe('ngày 01 tháng 01 năm 2026');
    expect(formatDocumentDate(new Date('2026-03-10T16:59:59Z'))).toBe('ngày 10 tháng 3 năm 2026');
  });

  it('leaves blanks when there is no date, with the year when it is known', () => {
    expect(formatDocumentDate(null)).toMatch(/^ngày\s+tháng\s+năm 20…$/u);
    expect(formatDocumentDate(null, 2026)).toMatch(/^ngày\s+tháng\s+năm 2026$/u);
  });
});

describe('decisionMemberLine', () => {
  it('writes honorific, title and role, and no "Ông/Bà" when the gender is not recorded', () => {
    expect(decisionMemberLine({ fullName: 'Nguyễn Văn An', gender: 'male', role: 'leader', title: 'Trưởng ấp' }, false)).toBe(
      '- Ông Nguyễn Văn An, Trưởng ấp - Tổ trưởng;',
    );
    expect(decisionMemberLine({ fullName: 'Lê Văn Cường', gender: null, role: 'member', title: null }, true)).toBe(
      '- Lê Văn Cường - Tổ viên.',
    );
  });
});

describe('renderDecisionDocx', () => {
  it('lays the header block out as a two-column table', async () => {
    const { xml } = await render(model);
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    expect(table.match(/<w:gridCol /g)).toHaveLength(2);
    const cells = paragraphTexts(table);
    for (const line of ['ỦY BAN NHÂN DÂN', 'PHƯỜNG SA ĐÉC', 'Số: 05/QĐ-UBND']) {
      expect(cells).toContain(line);
    }
    // A UBND has no parent agency line (both official samples).
    expect(cells.indexOf('ỦY BAN NHÂN DÂN')).toBe(0);
    expect(cells).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(cells).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(cells).toContain('Sa Đéc, ngày 05 tháng 01 năm 2026');
    // Borderless: every table border is "none".
    expect(/<w:tblBorders>[\s\S]*?<\/w:tblBorders>/.exec(table)?.[0]).not.toMatch(/w:val="single"/);
  });

  it('writes the title block, legal bases and the four articles', async () => {
    const { xml, paragraphs } = await render(model);
    expect(paragraphs).toContain('QUYẾT ĐỊNH');
    // The long excerpt is split by hand into two lines of similar length.
    expect(paragraphs).toContain(model.excerpt);
    const excerpt = /<w:p>(?:(?!<\/w:p>)[\s\S])*Về việc(?:(?!<\/w:p>)[\s\S])*<\/w:p>/.exec(xml)?.[0] ?? '';
    expect(excerpt.match(/<w:br\/>/g)).toHaveLength(1);
    expect(paragraphs).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG SA ĐÉC');
    expect(paragraphs).toContain('Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;');
    expect(paragraphs.some((p) => p.startsWith('Căn cứ Quyết định số 749') && p.endsWith('năm 2030”.'))).toBe(true);
    expect(paragraphs).toContain('Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Sa Đéc.');
    expect(paragraphs).toContain('QUYẾT ĐỊNH:');
    for (const n of [1, 2, 3, 4]) expect(paragraphs.filter((p) => p.startsWith(`Điều ${n}. `))).toHaveLength(1);
    expect(paragraphs).toContain('Điều 3. Quyết định này có hiệu lực kể từ ngày ký.');
    expect(paragraphs.find((p) => p.startsWith('Điều 4.'))).toMatch(
      /^Điều 4\. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Sa Đéc; Bí thư Đoàn Thanh niên phường Sa Đéc;.*\.\/\.$/u,
    );
    const article2 = paragraphs.join('\n');
    for (const field of ['Về chính quyền số', 'Về kinh tế số', 'Về xã hội số', 'voso.vn', 'postmart.vn', 'Sở Khoa học và Công nghệ']) {
      expect(article2).toContain(field);
    }
    expect(article2).not.toMatch(/xã\/phường|Thông tin và Truyền thông/u);
  });

  it('lists every member, leader first, in the seed style', async () => {
    const { paragraphs } = await render(model);
    const start = paragraphs.indexOf('1. Tổ công nghệ số cộng đồng Khóm 1');
    expect(start).toBeGreaterThan(0);
    expect(paragraphs.slice(start + 1, start + 6)).toEqual([
      '- Ông Nguyễn Văn An, Trưởng khóm - Tổ trưởng;',
      '- Bà Trần Thị Bình, Bí thư Chi đoàn khóm 1 - Tổ phó;',
      '- Lê Văn Cường - Tổ viên.',
      '2. Tổ công nghệ số cộng đồng Khóm 2',
      '- Bà Phạm Thị Dung - Tổ trưởng.',
    ]);
  });

  it('closes with recipients and the signature block', async () => {
    const { xml, paragraphs } = await render(model);
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    expect(tables).toHaveLength(2);
    const closing = paragraphTexts(tables[1] ?? '');
    expect(closing).toEqual(expect.arrayContaining(['Nơi nhận:', '- Như Điều 4;', '- Lưu: VT.', 'CHỦ TỊCH', 'Võ Văn Giàu']));
    expect(paragraphs.indexOf('Võ Văn Giàu') - paragraphs.indexOf('CHỦ TỊCH')).toBe(5);
  });

  it('prefixes the first title line and leaves blanks for number, date and name', async () => {
    const { paragraphs } = await render({
      ...model,
      number: null,
      date: null,
      teams: [],
      signer: { prefix: 'TM.', titleLines: ['Ủy ban nhân dân', 'Chủ tịch'], name: null },
    });
    expect(paragraphs).toContain('Số:       /QĐ-UBND');
    expect(paragraphs.find((p) => p.startsWith('Sa Đéc, ngày'))).toMatch(/^Sa Đéc, ngày\s+tháng\s+năm 2026$/u);
    expect(paragraphs).toEqual(expect.arrayContaining(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', NAME_BLANK]));
    expect(paragraphs.filter((p) => p.startsWith('Điều 1. '))).toHaveLength(1);
    expect(paragraphs.some((p) => /^1\. Tổ/u.test(p))).toBe(false);
  });

  it('sets A4, the Decree 30 margins, Times New Roman and a first page without number', async () => {
    const { buffer, xml } = await render(model);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margins = /<w:pgMar [^>]*>/.exec(xml)?.[0] ?? '';
    expect(margins).toContain('w:left="1701"');
    expect(margins).toContain('w:right="851"');
    expect(margins).toContain('w:top="1134"');
    expect(margins).toContain('w:bottom="1134"');
    expect(xml).toMatch(/<w:titlePg\s*\/>|<w:titlePg w:val="(true|1)"\s*\/>/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    const zip = await JSZip.loadAsync(buffer);
    expect(await zip.file('word/styles.xml')?.async('string')).toContain('w:ascii="Times New Roman"');
    // The default header holds the PAGE field; the first-page one is empty.
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/header\d+\.xml$/.test(f))
        .map((f) => zip.file(f)?.async('string')),
    );
    expect(headers.filter((h) => h?.includes('PAGE'))).toHaveLength(1);
    expect(xml).toMatch(/<w:headerReference w:type="first"/);
  });
});
