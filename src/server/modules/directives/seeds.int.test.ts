/**
 * The reference letters in /work/shared/reference/seeds are directives: 001 and 002 must be
 * recordable as they are printed. Both copies are unsigned drafts: the number is blank before the
 * symbol and the day of issue is not filled in (001 also lacks its letterhead, so its issuing
 * district and "V/v" line are not printed). Where the schema needs a value the copy leaves blank
 * (issued_on is a full date), the earliest date the text allows is used and named as such.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function communesOf(code: string): Promise<string[]> {
  const res = await ctx.app.inject({ url: `/api/org-units/${code}/children?structure=legacy` });
  return (res.json().items as { code: string; level: string }[])
    .filter((u) => u.level === 'commune')
    .map((u) => u.code)
    .sort();
}

async function record(districtCode: string, letter: object) {
  const { cookie } = await signIn(ctx, { role: 'district_officer', structure: 'legacy', unitCode: districtCode });
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/directives',
    headers: { cookie },
    payload: { structure: 'legacy', issuerUnitCode: districtCode, ...letter },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('seed 001: the district asks every ward for three items before 29/10/2024', () => {
  // The copy starts at "Kính gửi": its letterhead is cut. It is recorded under a legacy urban
  // district (Quận Phú Nhuận, 768), as the body says "Ủy ban nhân dân quận".
  const tasks = [
    {
      title:
        'Đề xuất, triển khai các mô hình chuyển đổi số tại các tổ dân phố, khu dân cư gắn với 05 nội dung kỹ năng số cơ bản; tổng hợp, phổ biến, chia sẻ các mô hình, cách làm hay, điển hình, sáng tạo trong hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn',
      dueOn: '2024-10-29',
      returns: 'report',
    },
    {
      title:
        'Nghiên cứu đề xuất các nền tảng số, công nghệ số, các ứng dụng, dịch vụ, tiện ích của chuyển đổi số trên địa bàn cần phổ cập tới các Tổ Công nghệ số cộng đồng',
      dueOn: '2024-10-29',
      returns: 'report',
    },
    {
      title:
        'Rà soát, kiện toàn, lập danh sách các Tổ Công nghệ số cộng đồng và thành viên trên địa bàn; lập danh sách cán bộ của phường (Họ tên, số CCCD, số điện thoại) phụ trách hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn',
      dueOn: '2024-10-29',
      returns: 'list',
    },
  ].map((t) => ({ ...t, description: 'Gửi báo cáo về Ủy ban nhân dân quận (qua phòng Văn hóa và Thông tin quận) trước ngày 29/10/2024.' }));

  it('is recorded with its recipients (every ward) and its three tasks, exactly', async () => {
    const saved = await record('768', {
      kind: 'cong_van',
      numberSymbol: '',
      // The copy prints no date at all (its letterhead is cut).
      issuedOn: null,
      issuerName: 'Ủy ban nhân dân quận',
      excerpt: 'V/v thúc đẩy hoạt động của Tổ công nghệ số cộng đồng trên địa bàn',
      recipients: [{ allCommunesOf: '768' }],
      tasks,
    });
    expect(saved).toMatchObject({
      structure: 'legacy',
      issuerUnitCode: '768',
      kind: 'cong_van',
      numberSymbol: '',
      issuerName: 'Ủy ban nhân dân quận',
      taskCount: 3,
    });
    expect(saved.recipients.map((r: { unitCode: string }) => r.unitCode).sort()).toEqual(await communesOf('768'));
    expect(saved.recipients.every((r: { unitName: string }) => r.unitName.startsWith('Phường'))).toBe(true);
    expect(
      saved.tasks.map(({ title, description, dueOn, returns }: Record<string, string | null>) => ({ title, description, dueOn, returns })),
    ).toEqual(tasks);
    // A ward sees the three tasks, long overdue on the test clock (23/11/2026).
    const ward = (await communesOf('768'))[0]!;
    const { cookie } = await signIn(ctx, { role: 'commune_officer', structure: 'legacy', unitCode: ward });
    const mine = (await ctx.app.inject({ url: `/api/directives/${saved.id}`, headers: { cookie } })).json().myTasks;
    expect(mine.map((t: { status: string; daysLeft: number }) => [t.status, t.daysLeft])).toEqual(Array(3).fill(['overdue', -755]));
  });
});

describe('seed 002: Tứ Kỳ asks its communes for their establishment decisions before 25/4/2022', () => {
  const tasks = [
    {
      title:
        'Ban hành Quyết định thành lập Tổ Công nghệ số cộng đồng cấp xã và Quyết định thành lập Tổ Công nghệ số cộng đồng ở các thôn, khu dân cư',
      description:
        'Tổ cấp xã do Chủ tịch UBND xã, thị trấn làm tổ trưởng; tổ thôn do Trưởng thôn (khu dân cư) làm tổ trưởng và từ 02-05 thành viên. Văn bản yêu cầu triển khai ngay.',
      dueOn: '2022-04-25',
      returns: 'none',
    },
    {
      title: 'Chủ động xây dựng Kế hoạch hoạt động của Tổ Công nghệ số cộng đồng cấp xã, thôn',
      description: 'Văn bản yêu cầu triển khai ngay, không ghi hạn riêng.',
      dueOn: null,
      returns: 'none',
    },
    {
      title:
        'Gửi Quyết định thành lập Tổ Công nghệ số cộng đồng của xã, thôn, khu dân cư về Ủy ban nhân dân huyện (qua Phòng Văn hóa và Thông tin huyện)',
      description: 'File mềm gửi theo địa chỉ thư điện tử công vụ: phongvhtt.tuky@haiduong.gov.vn.',
      dueOn: '2022-04-25',
      returns: 'file',
    },
  ];

  it('is recorded with its printed number/symbol, issuer, excerpt, every commune and its tasks, exactly', async () => {
    const saved = await record('298', {
      kind: 'cong_van',
      numberSymbol: '/UBND-VHTT',
      // Printed "Tứ Kỳ, ngày      tháng 4 năm 2022": the day is blank, so it is kept as printed.
      issuedOn: null,
      issuedOnText: 'ngày … tháng 4 năm 2022',
      issuerName: 'Ủy ban nhân dân huyện Tứ Kỳ',
      excerpt: 'V/v triển khai thành lập Tổ Công nghệ số cộng đồng',
      recipients: [{ allCommunesOf: '298' }],
      tasks,
    });
    expect(saved).toMatchObject({
      structure: 'legacy',
      issuerUnitCode: '298',
      numberSymbol: '/UBND-VHTT',
      issuedOn: null,
      issuedOnText: 'ngày … tháng 4 năm 2022',
      issuerName: 'Ủy ban nhân dân huyện Tứ Kỳ',
      excerpt: 'V/v triển khai thành lập Tổ Công nghệ số cộng đồng',
    });
    const communes = await communesOf('298');
    expect(communes).toHaveLength(20);
    expect(saved.recipients.map((r: { unitCode: string }) => r.unitCode).sort()).toEqual(communes);
    expect(
      saved.tasks.map(({ title, description, dueOn, returns }: Record<string, string | null>) => ({ title, description, dueOn, returns })),
    ).toEqual(tasks);
    const list = await ctx.app.inject({
      url: '/api/directives?q=UBND-VHTT',
      headers: { cookie: (await signIn(ctx, { role: 'district_officer', structure: 'legacy', unitCode: '298' })).cookie },
    });
    expect(list.json()).toMatchObject({
      total: 1,
      items: [{ id: saved.id, role: 'issuer', status: 'overdue', recipientCount: 20, taskCount: 3 }],
    });
  });
});
