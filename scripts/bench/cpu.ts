/**
 * Who used the machine's CPU while the variants were timed (Linux /proc):
 * the bench's own processes (this one, the two servers, the PostgreSQL
 * cluster) against everything else, so a reader can tell a quiet run from a
 * disturbed one.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';

export interface CpuSample {
  /** Jiffies of the whole machine, all cores. */
  busy: number;
  total: number;
  steal: number;
  /** Jiffies of the bench's own processes. */
  ours: number;
}

export interface CpuShare {
  /** Share of the machine's capacity (all cores) that was busy. */
  busy: number;
  /** Share of capacity used by processes outside the bench. */
  others: number;
  steal: number;
}

function machine(): { busy: number; total: number; steal: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  const busy = user + nice + system + irq + softirq;
  return { busy, total: busy + idle + iowait + steal, steal };
}

/** utime + stime (+ reaped children's, for PostgreSQL's postmaster whose backends come and go). */
function processTicks(pid: number, withReapedChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime, stime, cutime, cstime are fields 14-17.
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return utime + stime + (withReapedChildren ? cutime + cstime : 0);
  } catch {
    return 0;
  }
}

function childrenOf(parent: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export const cpuAccountingAvailable = (): boolean => existsSync('/proc/stat') && existsSync(`/proc/${process.pid}/stat`);

export function sampleCpu(pids: number[], postmasterPid: number | undefined): CpuSample {
  let ours = pids.reduce((n, pid) => n + processTicks(pid), 0);
  if (postmasterPid) ours += processTicks(postmasterPid, true) + childrenOf(postmasterPid).reduce((n, pid) => n + processTicks(pid), 0);
  return { ...machine(), ours };
}

export function cpuShare(before: CpuSample, after: CpuSample): CpuShare {
  const total = Math.max(after.total - before.total, 1);
  const busy = after.busy - before.busy;
  return { busy: busy / total, others: Math.max(0, busy - (after.ours - before.ours)) / total, steal: (after.steal - before.steal) / total };
}
