import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { auditEvents, people } from '../../src/server/db/schema/index.ts';
import { buildMau2 } from '../../src/server/modules/imports/mau2.fixtures.ts';
import { hasLibreOffice } from '../libreoffice.ts';
import { launchChromium, pageForNewAccount, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Minh Cường'];

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD: 'quan-tri-2026' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe('commune officer: genders before the Mẫu 1 decision, then Word and PDF', () => {
  it('sees who lacks a gender, confirms the proposals in bulk, and downloads a decision with “Ông”/“Bà”', async () => {
    const page = await pageForNewAccount(
      browser,
      server,
      'quan-tri-2026',
      { username: 'canbo.sadec', role: 'commune_officer', unitCode: '29905' },
      {
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      },
    );
    // Mẫu 2 has no gender column: the three members come in without one.
    const file = await buildMau2([
      {
        name: 'Sa Đéc',
        rows: [
          [1, 'UBND phường Sa Đéc', 'Tổ CNSCĐ Khóm 3', NAMES[0], 'Tổ trưởng', '0912345678'],
          [null, null, null, NAMES[1], 'Tổ phó', '0912345679'],
          [null, null, null, NAMES[2], 'Tổ viên', '0912345680'],
        ],
      },
    ]);
    const imported = await page.request.post(`${server.baseUrl}/api/imports/mau2?province=82`, {
      multipart: {
        file: { name: 'mau2.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file },
      },
    });
    expect(imported.status(), await imported.text()).toBe(200);

    await page.goto(`${server.baseUrl}/units/current/29905`);
    await page.getByRole('button', { name: 'Tải quyết định Mẫu 1 (Word)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('3 thành viên chưa có giới tính').waitFor();
    const notice = await dialog.textContent();
    for (const name of NAMES) expect(notice).toContain(name);
    await dialog.getByRole('link', { name: 'Xác nhận giới tính trước khi tải' }).click();

    await page.getByRole('heading', { name: /Thành viên chưa có giới tính/ }).waitFor();
    // "Văn" and "Thị" propose male and female; "Minh" tells nothing, so the officer chooses.
    await page.getByRole('button', { name: 'Chọn mọi người đã có đề xuất' }).click();
    await page.getByRole('row').filter({ hasText: NAMES[2] }).getByLabel('Nam').check();
    await page.getByRole('button', { name: 'Xác nhận giới tính (3 người)' }).click();
    await page.getByText('Đã xác nhận giới tính cho 3 người.').waitFor();
    await page.getByText('Mọi thành viên đang hoạt động đã có giới tính.').waitFor();

    await page.goto(`${server.baseUrl}/units/current/29905`);
    await page.getByRole('button', { name: 'Tải quyết định Mẫu 1 (Word)' }).click();
    await dialog.getByLabel('Người ký').fill('Võ Văn Giàu');
    const [docx] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tải xuống' }).click()]);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(await docx.path()))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const line of ['- Ông Nguyễn Văn An - Tổ trưởng;', '- Bà Trần Thị Bình - Tổ phó;', '- Ông Lê Minh Cường - Tổ viên.'])
      expect(text).toContain(line);
    expect(await dialog.getByText('chưa có giới tính').count()).toBe(0);

    if (hasLibreOffice()) {
      await page.getByRole('button', { name: 'Tải quyết định Mẫu 1 (Word)' }).click();
      const [pdf] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tải PDF' }).click()]);
      expect(pdf.suggestedFilename()).toBe('quyet-dinh-thanh-lap-to-cnscd-29905.pdf');
      const printed = execFileSync('pdftotext', [await pdf.path(), '-']).toString();
      expect(printed).toContain('Bà Trần Thị Bình');
      expect(printed).toContain('Võ Văn Giàu');
    }
    await page.context().close();

    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const rows = await database.db.select().from(people).where(inArray(people.fullName, NAMES));
      expect(Object.fromEntries(rows.map((p) => [p.fullName, p.gender]))).toEqual({
        [NAMES[0]!]: 'male',
        [NAMES[1]!]: 'female',
        [NAMES[2]!]: 'male',
      });
      expect(await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'person.gender_confirm'))).toHaveLength(3);
    } finally {
      await database.close();
    }
  });
});
