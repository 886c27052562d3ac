import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('reads TRUST_PROXY as nobody, a hop count or proxy addresses; the old "true" is one hop', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8,loopback' }).TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY phải là false.*10\.0\.0\.0\/33/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('keeps only the origin of PUBLIC_URL', () => {
    expect(loadConfig({}).PUBLIC_URL).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://CNSCD.example.vn:443/app/' }).PUBLIC_URL).toBe('https://cnscd.example.vn');
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
  });

  it('keeps the generated key outside DATA_DIR by default', () => {
    expect(loadConfig({ HOME: '/home/cb' }).CNSCD_SECRET_KEY_FILE).toBe(path.join('/home/cb', '.config', 'cnscd', 'secret.key'));
    expect(loadConfig({ HOME: '/home/cb', XDG_CONFIG_HOME: '/etc/xdg-cb' }).CNSCD_SECRET_KEY_FILE).toBe('/etc/xdg-cb/cnscd/secret.key');
    expect(loadConfig({ CNSCD_SECRET_KEY_FILE: '/run/secrets/cnscd.key' }).CNSCD_SECRET_KEY_FILE).toBe('/run/secrets/cnscd.key');
  });
});

describe('operations settings', () => {
  it('reads replicas, metrics access, backups and the shutdown timeout', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://cnscd@10.0.0.11/cnscd',
      DATABASE_READ_URL: ' postgres://cnscd@10.0.0.12/cnscd, postgresql://cnscd@10.0.0.13/cnscd ',
      METRICS_TOKEN: 'ma-doc-so-do-0123456789',
      METRICS_ALLOW: '10.0.0.0/24, 2001:db8::1,127.0.0.1',
      BACKUP_DIR: '/srv/backup',
      BACKUP_INTERVAL_HOURS: '6',
    });
    expect(config.DATABASE_READ_URL).toEqual(['postgres://cnscd@10.0.0.12/cnscd', 'postgresql://cnscd@10.0.0.13/cnscd']);
    expect(config.METRICS_ALLOW).toEqual(['10.0.0.0/24', '2001:db8::1', '127.0.0.1']);
    expect(config).toMatchObject({
      BACKUP_INTERVAL_HOURS: 6,
      BACKUP_KEEP: 7,
      DATABASE_READ_MAX_LAG_SECONDS: 10,
      SHUTDOWN_TIMEOUT_SECONDS: 25,
    });
    const defaults = loadConfig({});
    expect([defaults.DATABASE_READ_URL, defaults.METRICS_ALLOW, defaults.METRICS_TOKEN, defaults.BACKUP_DIR]).toEqual([
      [],
      [],
      undefined,
      undefined,
    ]);
  });

  it('names every bad operations setting in Vietnamese', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://cnscd@10.0.0.12/cnscd' })).toThrow(/DATABASE_READ_URL cần kèm DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a@b/c', DATABASE_READ_URL: 'mysql://x' })).toThrow(/bắt đầu bằng postgres:\/\//);
    expect(() => loadConfig({ METRICS_ALLOW: '10.0.0.0/33' })).toThrow(/METRICS_ALLOW: mỗi mục phải là địa chỉ IP hoặc dải CIDR/);
    expect(() => loadConfig({ METRICS_ALLOW: 'may-chu-giam-sat' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig({ METRICS_TOKEN: 'ngan' })).toThrow(/METRICS_TOKEN cần ít nhất 16 ký tự/);
    expect(() => loadConfig({ BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP/);
  });
});
