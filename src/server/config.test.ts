import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

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
    expect(config).toMatchObject({ BACKUP_INTERVAL_HOURS: 6, BACKUP_KEEP: 7, DATABASE_READ_MAX_LAG_SECONDS: 10, SHUTDOWN_TIMEOUT_SECONDS: 25 });
    const defaults = loadConfig({});
    expect([defaults.DATABASE_READ_URL, defaults.METRICS_ALLOW, defaults.METRICS_TOKEN, defaults.BACKUP_DIR]).toEqual([[], [], undefined, undefined]);
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
