/**
 * `warden train --json` on the bundled data: whole-process wall time (median of
 * `$WARDEN_BENCH_TRAIN_RUNS`, default 3, each into a fresh data dir, then deleted), child
 * CPU time and peak RSS; then one in-process `train()` with `onProgress` timing each stage.
 * Run: `node dist/bench/train.bench.js` → bench/results/train.json. Target < 30 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_DATASETS } from '../src/data/index.js';
import { saveModel } from '../src/training/save-model.js';
import { train } from '../src/training/train.js';
import { isMain, loadAverage, machineNote, median, round, WARDEN_BIN, writeResult } from './measure.js';
import { timedRun } from './timed-run.js';

/**
 * Turns a stream of (stage, time) progress events into seconds per stage: a stage lasts from
 * its first event to the first event of the next stage (the last one to `endMs`).
 */
export function stageDurations(events: readonly { stage: string; atMs: number }[], endMs: number): Record<string, number> {
  const out: Record<string, number> = {};
  let current: { stage: string; since: number } | null = null;
  for (const e of events) {
    if (current && e.stage === current.stage) continue;
    if (current) out[current.stage] = (out[current.stage] ?? 0) + (e.atMs - current.since) / 1000;
    current = { stage: e.stage, since: e.atMs };
  }
  if (current) out[current.stage] = (out[current.stage] ?? 0) + (endMs - current.since) / 1000;
  return out;
}

async function inProcessStages(): Promise<Record<string, number>> {
  const events: { stage: string; atMs: number }[] = [];
  const t0 = performance.now();
  const trained = await train({ dataPaths: BUNDLED_DATASETS, onProgress: (stage) => events.push({ stage, atMs: performance.now() - t0 }) });
  const trainedAt = performance.now() - t0;
  const out = mkdtempSync(join(tmpdir(), 'warden-bench-model-'));
  try {
    await saveModel(trained, out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const stages = stageDurations(events, trainedAt);
  delete stages.done;
  stages['save model'] = (performance.now() - t0 - trainedAt) / 1000;
  stages.total = (performance.now() - t0) / 1000;
  return Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round(v, 2)]));
}

/** Runs the training bench and writes `bench/results/train.json`. */
export async function runTrainBench(): Promise<Record<string, unknown>> {
  const runsWanted = Number(process.env.WARDEN_BENCH_TRAIN_RUNS ?? 3);
  const runs: Record<string, unknown>[] = [];
  for (let i = 0; i < runsWanted; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-train-'));
    try {
      const la = loadAverage();
      const r = timedRun(process.execPath, [WARDEN_BIN, 'train', '--json', '--data-dir', dataDir]);
      if (r.status !== 0) throw new Error(`warden train failed (${r.status}): ${r.stderr}`);
      const summary = JSON.parse(r.stdout) as { learner: string; rows: number; seconds: number };
      runs.push({ wallSeconds: round(r.wallSeconds, 2), cpuSeconds: round(r.cpuSeconds, 2), maxRssMB: round(r.maxRssMB, 1), reportedSeconds: summary.seconds, learner: summary.learner, rows: summary.rows, loadAverage: la });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const loadAverageStages = loadAverage();
  const stages = await inProcessStages();
  const result = {
    command: 'node bin/warden.js train --json --data-dir <fresh tmp dir>',
    runs,
    wallSecondsMedian: round(median(runs.map((r) => r.wallSeconds as number)), 2),
    cpuSecondsMedian: round(median(runs.map((r) => r.cpuSeconds as number)), 2),
    target: '< 30 s wall',
    stagesInProcessSeconds: stages,
    stagesLoadAverage: loadAverageStages,
    ...machineNote(),
  };
  writeResult('train', result);
  return result;
}

if (isMain(import.meta.url)) {
  const r = await runTrainBench();
  console.log(`warden train: median ${r.wallSecondsMedian} s wall, ${r.cpuSecondsMedian} s CPU over ${(r.runs as unknown[]).length} runs (load ${JSON.stringify(r.loadAverage)})`);
  console.log(`stages (in process): ${JSON.stringify(r.stagesInProcessSeconds)}`);
}
