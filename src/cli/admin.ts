import type { Readable } from 'node:stream';
import type { Config } from '../server/config.ts';
import { createAdminAccount, resetPasswordByUsername } from '../server/modules/accounts/accounts.cli.ts';
import { passwordSchema } from '../shared/schemas/accounts.ts';
import { withDatabase } from './database.ts';
import { UsageError } from './options.ts';

/**
 * The password piped on stdin (its first line), read before the database is opened; undefined
 * when stdin is a terminal or empty, and a password is then generated.
 */
export async function pipedPassword(stdin: Readable & { isTTY?: boolean } = process.stdin): Promise<string | undefined> {
  if (stdin.isTTY) return undefined;
  stdin.setEncoding('utf8');
  let text = '';
  for await (const chunk of stdin) text += chunk as string;
  const line = text.split(/\r?\n/)[0] ?? '';
  return line === '' ? undefined : passwordSchema.parse(line.normalize('NFC'));
}

/** `cnscd admin create --username U`: the password from stdin, or a generated one printed once (to be changed at first login). */
export async function adminCreate(config: Config, options: { username: string; password?: string }): Promise<number> {
  if (options.password !== undefined) {
    throw new UsageError(
      `Không nhận mật khẩu trên dòng lệnh (lộ trong lịch sử lệnh và danh sách tiến trình): hãy truyền qua stdin, ví dụ: cnscd admin create --username ${options.username} < tep-mat-khau`,
    );
  }
  const password = await pipedPassword();
  const generated = await withDatabase(config, 'cnscd admin create', ({ db }) => createAdminAccount(db, options.username, password));
  console.log(`Đã tạo quản trị viên "${options.username}".${generated ? ` Mật khẩu tạm: ${generated} (phải đổi khi đăng nhập).` : ''}`);
  return 0;
}

/** `cnscd admin reset-password --username U`: a new generated password, to be changed at next login. */
export async function adminResetPassword(config: Config, options: { username: string }): Promise<number> {
  const password = await withDatabase(config, 'cnscd admin reset-password', ({ db }) => resetPasswordByUsername(db, options.username));
  console.log(`Mật khẩu mới của "${options.username}": ${password} (phải đổi khi đăng nhập).`);
  return 0;
}
