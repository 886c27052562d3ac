/**
 * Honest installs (ADR 0018): every package the lockfile installs runs on the Node.js versions
 * package.json's `engines` promises, so `npm ci` on the machines (Node 20.20) installs nothing
 * that asks for Node 22. Run against package-lock.json, which records each package's `engines`.
 */
import fs from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url);
const read = (file: string) => JSON.parse(fs.readFileSync(new URL(file, ROOT), 'utf8')) as unknown;
const manifest = read('package.json') as { engines: { node: string } };
const lock = read('package-lock.json') as {
  packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } | string[] }>;
};

/** The Node.js versions to hold every package to: the lowest `engines` allows, and what the machines run. */
const NODES = [semver.minVersion(manifest.engines.node)!.version, '20.20.0'];

describe('installs', () => {
  it("install only packages that run on the project's Node.js versions", () => {
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!path || !range) continue;
      for (const node of NODES) {
        if (!semver.satisfies(node, range))
          refusing.push(
            `${path.replace(/^.*node_modules\//, '')}@${entry.version} wants Node ${range}, not ${node}${entry.dev ? ' (dev)' : ''}`,
          );
      }
    }
    expect(refusing).toEqual([]);
  });

  it('promise what the machines run', () => {
    expect(semver.satisfies('20.20.0', manifest.engines.node)).toBe(true);
  });
});
