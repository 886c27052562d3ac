import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../tests/helpers.ts';
import { signIn } from '../../../tests/factories.ts';
import { loadCheckedSecretKey } from './key-check.ts';

let ctx: TestContext;
let dir: string;
beforeAll(async () => {
  ctx = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-keycheck-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await ctx.close();
});

describe('loadCheckedSecretKey', () => {
  it('opens the stored CCCDs with the right key and refuses a lost or wrong one', async () => {
    const config = (name: string, envValue?: string) => ({
      CNSCD_SECRET_KEY: envValue,
      CNSCD_SECRET_KEY_FILE: path.join(dir, name, 'config', 'secret.key'),
      DATA_DIR: path.join(dir, name, 'data'),
    });
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    // Nothing encrypted yet: any key will do.
    expect(await loadCheckedSecretKey(config('empty', randomBytes(32).toString('base64')), ctx.db, log)).toHaveLength(32);

    const { cookie } = await signIn(ctx, { role: 'commune_officer', unitCode: '29905' });
    const official = await ctx.app.inject({
      method: 'POST',
      url: '/api/org-units/29905/officials',
      headers: { cookie },
      payload: { fullName: 'Cán Bộ Khóa', cccd: '087123456723' },
    });
    expect(official.statusCode).toBe(201);

    expect((await loadCheckedSecretKey(config('env', TEST_SECRET_KEY.toString('hex')), ctx.db, log)).equals(TEST_SECRET_KEY)).toBe(true);
    await expect(loadCheckedSecretKey(config('wrong', randomBytes(32).toString('hex')), ctx.db, log)).rejects.toThrow(
      /^Khóa bí mật \(CNSCD_SECRET_KEY\) không mở được số CCCD đã lưu/u,
    );

    // The key file was lost: a new key is not silently put in its place.
    const lost = config('lost');
    await expect(loadCheckedSecretKey(lost, ctx.db, log)).rejects.toThrow(/không mở được số CCCD đã lưu.*khôi phục đúng khóa/u);
    expect(fs.existsSync(lost.CNSCD_SECRET_KEY_FILE)).toBe(false);

    // An install of an older version: the key in DATA_DIR moves out and still opens the data.
    const old = config('old');
    fs.mkdirSync(old.DATA_DIR, { recursive: true });
    fs.writeFileSync(path.join(old.DATA_DIR, 'secret.key'), TEST_SECRET_KEY.toString('base64'), { mode: 0o600 });
    lines.length = 0;
    expect((await loadCheckedSecretKey(old, ctx.db, log)).equals(TEST_SECRET_KEY)).toBe(true);
    expect(fs.existsSync(path.join(old.DATA_DIR, 'secret.key'))).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/^Đã chuyển khóa bí mật từ .* sang .*secret\.key \(ngoài DATA_DIR\)/u)]);
  });
});
