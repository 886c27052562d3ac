import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('reads TRUST_PROXY as nobody, a hop count or proxy addresses; the old "true" is one hop', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8,loopback' }).TRUST_PROXY).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'loopback']);
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
