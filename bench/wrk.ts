/**
 * Closed-loop saturating load with `wrk` (Debian package `wrk`): POSTs JSON bodies, rotating
 * through a list, from one wrk thread; reports requests/s, latency percentiles, errors and
 * wrk's own CPU time (so the load generator's share of the 2 cores is on record).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timedRun } from './timed-run.js';

export interface WrkResult {
  requestsPerSecond: number;
  requests: number;
  seconds: number;
  non2xx: number;
  socketErrors: number;
  latencyMs: { p50: number; p90: number; p99: number };
  wrkCpuSeconds: number;
}

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

/** A wrk duration/latency token ("812.00us", "1.20ms", "2.01s") in milliseconds. */
export function wrkTimeMs(token: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(token.trim());
  if (!m) throw new Error(`unexpected wrk time ${JSON.stringify(token)}`);
  const x = Number(m[1]);
  return m[2] === 'us' ? x / 1000 : m[2] === 'ms' ? x : m[2] === 's' ? x * 1000 : x * 60_000;
}

/** Parses the text report of `wrk --latency`. */
export function parseWrkOutput(text: string): Omit<WrkResult, 'wrkCpuSeconds'> {
  const num = (re: RegExp): number => {
    const m = re.exec(text);
    return m ? Number(m[1]) : 0;
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const done = /(\d+) requests in ([\d.]+\w+),/.exec(text);
  if (!rps || !done) throw new Error(`cannot parse wrk output:\n${text}`);
  const pct = (p: string): number => {
    const m = new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(text);
    return m ? wrkTimeMs(m[1]) : Number.NaN;
  };
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  return {
    requestsPerSecond: Number(rps[1]),
    requests: Number(done[1]),
    seconds: wrkTimeMs(done[2]) / 1000,
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    latencyMs: { p50: pct('50'), p90: pct('90'), p99: pct('99') },
  };
}

/**
 * Answers per second that were 2xx or 3xx: wrk's own rate counts every answer, a cheap 429
 * from a rate limiter as much as a scored 200.
 */
export function okPerSecond(r: Pick<WrkResult, 'requests' | 'seconds' | 'non2xx'>): number {
  return r.seconds > 0 ? Math.max(0, r.requests - r.non2xx) / r.seconds : 0;
}

/** A Lua long-bracket string literal that cannot be closed early by the content. */
function luaString(s: string): string {
  let eq = '=';
  while (s.includes(`]${eq}]`)) eq += '=';
  return `[${eq}[${s}]${eq}]`;
}

/** The wrk script: POST each body in turn, JSON content type. */
export function wrkScript(bodies: readonly string[]): string {
  return [
    'local bodies = {',
    ...bodies.map((b) => `  ${luaString(b)},`),
    '}',
    'local i = 0',
    'local headers = { ["content-type"] = "application/json" }',
    'request = function()',
    '  i = (i % #bodies) + 1',
    '  return wrk.format("POST", nil, headers, bodies[i])',
    'end',
    '',
  ].join('\n');
}

/** Runs wrk against `url` for `seconds` with `connections` keep-alive connections. */
export function runWrk(url: string, bodies: readonly string[], connections: number, seconds: number, threads = 1): WrkResult {
  const dir = mkdtempSync(join(tmpdir(), 'warden-wrk-'));
  try {
    const script = join(dir, 'post.lua');
    writeFileSync(script, wrkScript(bodies));
    const r = timedRun('wrk', ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--latency', '-s', script, url]);
    if (r.status !== 0) throw new Error(`wrk failed (${r.status}): ${r.stderr}`);
    return { ...parseWrkOutput(r.stdout), wrkCpuSeconds: r.cpuSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
