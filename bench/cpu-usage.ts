/**
 * Where the machine's CPU went during a load run (Linux /proc only): the server process, the
 * PostgreSQL cluster (postmaster and all its backends), this load-generating process, and
 * everything else on the machine. All figures are CPU milliseconds.
 */
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime (+ cutime + cstime: children that already exited) of a process, in ms. */
function processCpuMs(pid: number, withExitedChildren = false): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
  return (f[11]! + f[12]! + (withExitedChildren ? f[13]! + f[14]! : 0)) * TICK_MS;
}

/** The postmaster plus its live children; exited backends are in the postmaster's cutime. */
function clusterCpuMs(postmasterPid: number): number {
  let total = processCpuMs(postmasterPid, true);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === postmasterPid) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmasterPid) total += processCpuMs(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Busy CPU time of the whole machine (all cores), in ms. */
function machineBusyMs(): number {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f;
  return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * TICK_MS;
}

interface Snapshot {
  at: number;
  machine: number;
  server: number;
  postgres: number | null;
  loadGenerator: number;
}

/** CPU split of one run, in CPU ms per answered request, and how busy the machine was. */
export interface CpuSplit {
  serverMsPerRequest: number;
  postgresMsPerRequest: number | null;
  loadGeneratorMsPerRequest: number;
  /** Busy share of all cores during the run, 0..1. */
  machineBusy: number;
  /** Share of all cores used by processes other than these three (other work on the machine). */
  otherProcesses: number | null;
}

/**
 * Starts a measurement; `stop(requests)` returns the split, or null when /proc is not readable.
 * `postmasterPid` is null when the cluster's processes are not visible from here.
 */
export function startCpuMeasure(serverPid: number, postmasterPid: number | null, cpus: number) {
  const snap = (): Snapshot | null => {
    try {
      const usage = process.cpuUsage();
      return {
        at: performance.now(),
        machine: machineBusyMs(),
        server: processCpuMs(serverPid),
        postgres: postmasterPid === null ? null : clusterCpuMs(postmasterPid),
        loadGenerator: (usage.user + usage.system) / 1000,
      };
    } catch {
      return null;
    }
  };
  const start = snap();
  return {
    stop(requests: number): CpuSplit | null {
      const end = snap();
      if (!start || !end || requests === 0) return null;
      const per = (a: number, b: number) => Number(((b - a) / requests).toFixed(3));
      const capacity = (end.at - start.at) * cpus;
      const postgres = start.postgres === null || end.postgres === null ? null : end.postgres - start.postgres;
      const known = end.server - start.server + (end.loadGenerator - start.loadGenerator) + (postgres ?? 0);
      const busy = end.machine - start.machine;
      return {
        serverMsPerRequest: per(start.server, end.server),
        postgresMsPerRequest: postgres === null ? null : Number((postgres / requests).toFixed(3)),
        loadGeneratorMsPerRequest: per(start.loadGenerator, end.loadGenerator),
        machineBusy: Number(Math.min(1, busy / capacity).toFixed(2)),
        otherProcesses: postgres === null ? null : Number(Math.max(0, (busy - known) / capacity).toFixed(2)),
      };
    },
  };
}

/** The postmaster's PID from the data directory's postmaster.pid; null when it is not readable. */
export function postmasterPidOf(dataDirectory: string): number | null {
  try {
    const pid = Number(fs.readFileSync(`${dataDirectory}/postmaster.pid`, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && fs.existsSync(`/proc/${pid}/stat`) ? pid : null;
  } catch {
    return null;
  }
}
