import type { viRecovery } from './vi-recovery.ts';

/** English strings of password recovery. */
export const enRecovery: Record<keyof typeof viRecovery, string> = {
  'recovery.forgot': 'Forgot your password?',
  'recovery.title': 'Recover your password',
  'recovery.intro':
    'Enter your username or e-mail. If the account has an e-mail address you will receive a link to set a new password. Team members without e-mail can ask the commune for a login code.',
  'recovery.login': 'Username or e-mail',
  'recovery.send': 'Send the link',
  'recovery.back': 'Back to sign-in',
  'recovery.newTitle': 'Set a new password',
  'recovery.noToken': 'The link is incomplete. Open the link in the e-mail again.',
  'recovery.submit': 'Save the password and sign in',
  'loginCode.button': 'Issue a one-time login code',
  'loginCode.title': 'Login code for {name}',
  'loginCode.intro':
    'The code works once and expires at {time}. The member scans the QR code or types the code in the field app, then sets a new password. Any earlier code no longer works.',
  'loginCode.code': 'Code',
  'loginCode.qr': 'Login QR code',
  'loginCode.message':
    'Hello {name}, here is your Tổ CNSCĐ app login code: {code} (username {username}), single use, expires at {time}. Open {url} to set a new password.',
  'loginCode.copy': 'Copy the message',
  'loginCode.share': 'Share (Zalo…)',
  'loginCode.zalo': 'Open Zalo with {phone}',
};
