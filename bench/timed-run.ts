/**
 * Runs a command to completion under GNU time (`/usr/bin/time`), so a whole-process figure
 * comes with the child's own CPU time and peak RSS, not only its wall time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TimedRun {
  wallSeconds: number;
  /** User + system CPU seconds of the child (NaN without /usr/bin/time). */
  cpuSeconds: number;
  maxRssMB: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/** Parses GNU time's `-f '%e %U %S %M'` line into wall, CPU and peak-RSS figures. */
export function parseTimeLine(line: string): { wallSeconds: number; cpuSeconds: number; maxRssMB: number } {
  const parts = line.trim().split(/\s+/).map(Number);
  if (parts.length !== 4 || parts.some((x) => !Number.isFinite(x))) throw new Error(`unexpected GNU time output: ${JSON.stringify(line)}`);
  const [wall, user, sys, rssKb] = parts;
  return { wallSeconds: wall, cpuSeconds: user + sys, maxRssMB: rssKb / 1024 };
}

/** Runs `command args…` with `env`, waits for it, and returns its timings and output. */
export function timedRun(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): TimedRun {
  const haveTime = existsSync(GNU_TIME);
  const dir = mkdtempSync(join(tmpdir(), 'warden-timed-'));
  const timeFile = join(dir, 'time.txt');
  try {
    const t0 = performance.now();
    const res = haveTime
      ? spawnSync(GNU_TIME, ['-f', '%e %U %S %M', '-o', timeFile, command, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
      : spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const wall = (performance.now() - t0) / 1000;
    const base = { status: res.status, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
    if (!haveTime) return { wallSeconds: wall, cpuSeconds: Number.NaN, maxRssMB: Number.NaN, ...base };
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    return { ...parseTimeLine(lines[lines.length - 1]), ...base };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
