/**
 * Shared measuring vocabulary of the benchmarks: CPU time, medians and percentiles, the load
 * average of the (shared) machine, and the results file each bench writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (the compiled benches live in dist/bench/). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
export const WARDEN_BIN = join(REPO_ROOT, 'bin', 'warden.js');

/**
 * Process CPU time in ms. On a shared machine, wall time also measures the neighbours; CPU
 * time is what one core spent on our work. Benches report both where they differ.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Messages per CPU-second and per wall-second. */
export interface Rate {
  perCpuSecond: number;
  perWallSecond: number;
}

/** Calls `fn` on every text `repeats` times; messages per CPU-second and per wall-second, and the sum of what `fn` returned. */
export function rate(texts: readonly string[], repeats: number, fn: (t: string) => number): Rate & { sink: number } {
  let sink = 0;
  const c0 = cpuMs();
  const w0 = performance.now();
  for (let r = 0; r < repeats; r++) for (let i = 0; i < texts.length; i++) sink += fn(texts[i]);
  const cpu = cpuMs() - c0;
  const wall = performance.now() - w0;
  const n = texts.length * repeats;
  return { perCpuSecond: n / (cpu / 1000), perWallSecond: n / (wall / 1000), sink };
}

/** The median of a non-empty list (upper median for even lengths); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of an ascending-sorted Float64Array by the nearest-rank method:
 * the smallest value with at least q·n values at or below it. NaN when empty.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  const rank = Math.max(1, Math.ceil(q * n));
  return sorted[rank - 1];
}

/** The 1-, 5- and 15-minute load averages, rounded, for the record next to each figure. */
export function loadAverage(): [number, number, number] {
  const [a, b, c] = loadavg();
  return [round(a, 2), round(b, 2), round(c, 2)];
}

export function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Where and when a figure was measured: enough to tell a quiet machine from a busy one. */
export function machineNote(): Record<string, unknown> {
  return {
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverage: loadAverage(),
  };
}

/** Writes `bench/results/<name>.json` (pretty, trailing newline) and returns the path. */
export function writeResult(name: string, result: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(path, JSON.stringify(result, null, 2) + '\n');
  return path;
}

/** True when this module's file is the script node was started with. */
export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(metaUrl) === process.argv[1];
}
