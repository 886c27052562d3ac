import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../db/client.ts';
import { databaseFactsSchema } from './database-facts.ts';
import { packDataDir, withPgliteCopy, type DumpSource } from './dump-sources.ts';

/** The running server's control socket in its data directory. */
export const CONTROL_SOCKET = 'cnscd.sock';
const DUMP_URL = '/database-dump';
const FACTS_HEADER = 'x-cnscd-database-facts';
/** Unix socket paths are limited to about 108 bytes. */
const MAX_SOCKET_PATH = 100;

function socketPathOf(dataDir: string): string {
  return path.join(path.resolve(dataDir), CONTROL_SOCKET);
}

/** The listening control socket. */
export interface ControlSocket {
  close(): Promise<void>;
}

/**
 * Lets `cnscd backup` ask the server that owns an embedded data directory for a consistent dump
 * of its database, over DATA_DIR/cnscd.sock (mode 0600: only the server's own user may ask).
 * Returns null (after a warning) when the socket cannot be opened there.
 */
export async function listenControlSocket(dataDir: string, database: Database, warn: (msg: string) => void): Promise<ControlSocket | null> {
  const file = socketPathOf(dataDir);
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) {
    warn(`Đường dẫn ${file} quá dài cho socket điều khiển: "cnscd backup" chỉ chạy được khi máy chủ dừng.`);
    return null;
  }
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== DUMP_URL) {
      res.writeHead(404).end();
      return;
    }
    withPgliteCopy(database, dataDir, (copy, facts) => {
      res.writeHead(200, { 'content-type': 'application/gzip', [FACTS_HEADER]: Buffer.from(JSON.stringify(facts)).toString('base64') });
      return pipeline(packDataDir(copy), res);
    }).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end((err as Error).message);
    });
  });
  // This process holds the data directory's lock, so a socket file left here belongs to a dead server.
  fs.rmSync(file, { force: true });
  try {
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(file, resolve));
    fs.chmodSync(file, 0o600);
  } catch (err) {
    server.close();
    warn(`Không mở được socket điều khiển ${file} (${(err as Error).message}): "cnscd backup" chỉ chạy được khi máy chủ dừng.`);
    return null;
  }
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          fs.rmSync(file, { force: true });
          resolve();
        });
      }),
  };
}

/** True when a server is listening on the data directory's control socket. */
export function isServerListening(dataDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPathOf(dataDir));
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The dump of the embedded database, asked of the server that has it open. */
export function serverDumpSource(dataDir: string): DumpSource {
  return {
    kind: 'pglite',
    dump: (file) =>
      new Promise((resolve, reject) => {
        const req = http.request({ socketPath: socketPathOf(dataDir), method: 'POST', path: DUMP_URL }, (res) => {
          if (res.statusCode !== 200) {
            let message = '';
            res.on('data', (c: Buffer) => (message += c.toString('utf8')));
            res.on('end', () => reject(new Error(`Máy chủ không sao lưu được: ${message || res.statusCode}`)));
            return;
          }
          const header = String(res.headers[FACTS_HEADER] ?? '');
          const facts = databaseFactsSchema.parse(JSON.parse(Buffer.from(header, 'base64').toString('utf8')));
          pipeline(res, fs.createWriteStream(file, { mode: 0o600 })).then(() => resolve(facts), reject);
        });
        req.once('error', reject);
        req.end();
      }),
  };
}
