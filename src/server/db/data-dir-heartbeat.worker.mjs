// The data-directory lock's heartbeat (see data-dir-lock.ts). It runs in a worker thread so that
// the lock stays fresh while the main thread is busy inside a long PGlite statement: the lock
// then goes stale only when the process is gone, not when its event loop is slow.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { file, token, intervalMs } = workerData;

function tokenOnDisk() {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')).token ?? null;
  } catch {
    return null;
  }
}

const timer = setInterval(() => {
  if (tokenOnDisk() !== token) {
    // Removed or taken over by another process: this one no longer owns the directory.
    clearInterval(timer);
    parentPort.postMessage('lost');
    return;
  }
  const now = new Date();
  try {
    fs.utimesSync(file, now, now);
  } catch {
    // Removed between the read and the touch: the next beat reports it.
  }
}, intervalMs);
