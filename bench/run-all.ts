/**
 * `npm run bench`: every bench in sequence (one at a time: the machine is shared and each
 * bench wants the cores to itself), a summary table, and `bench/results/all.json` with each
 * bench's full result (or its error: one failing bench does not stop the others).
 * Select some with arguments: `node dist/bench/run-all.js score http`.
 */
import { runCliScoreBench } from './cli-score.bench.js';
import { runFeaturesBench } from './features.bench.js';
import { runHttpBench } from './http.bench.js';
import { isMain, loadAverage, machineNote, writeResult } from './measure.js';
import { runQualityBench } from './quality.bench.js';
import { runRelativeSpeedBench } from './relative-speed.bench.js';
import { runRobustnessBench } from './robustness.bench.js';
import { runScoreBench } from './score.bench.js';
import { runStorageBench } from './storage.bench.js';
import { runTagsBench } from './tags.bench.js';
import { runTrainBench } from './train.bench.js';
import { summaryRows, type SummaryRow } from './summary.js';

type Bench = () => Promise<Record<string, unknown>>;

export const BENCHES: Record<string, Bench> = {
  features: runFeaturesBench,
  tags: runTagsBench,
  score: runScoreBench,
  'cli-score': runCliScoreBench,
  'relative-speed': runRelativeSpeedBench,
  train: runTrainBench,
  http: runHttpBench,
  storage: runStorageBench,
  quality: runQualityBench,
  robustness: runRobustnessBench,
};

function table(rows: readonly SummaryRow[]): string {
  const head: SummaryRow = { bench: 'bench', figure: 'figure', value: 'value', target: 'target', met: '' };
  const all = [head, ...rows];
  const w = (k: keyof SummaryRow) => Math.max(...all.map((r) => String(r[k]).length));
  const line = (r: SummaryRow) => `${String(r.bench).padEnd(w('bench'))}  ${String(r.figure).padEnd(w('figure'))}  ${String(r.value).padStart(w('value'))}  ${String(r.target).padEnd(w('target'))}  ${r.met}`;
  return [line(head), ...rows.map(line)].join('\n');
}

/** Runs the named benches (default: all), prints the table, writes `bench/results/all.json`. */
export async function runAll(names: readonly string[] = Object.keys(BENCHES)): Promise<Record<string, unknown>> {
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  const results: Record<string, unknown> = {};
  for (const name of names) {
    const la = loadAverage();
    const t0 = performance.now();
    console.error(`── ${name} (load ${la.join(' ')})`);
    try {
      const r = await BENCHES[name]();
      results[name] = { ...r, benchSeconds: Math.round((performance.now() - t0) / 100) / 10, loadAverageAtStart: la };
    } catch (err) {
      console.error(`${name} failed: ${(err as Error).message}`);
      results[name] = { error: (err as Error).message, loadAverageAtStart: la };
    }
  }
  const rows = summaryRows(results);
  console.log(table(rows));
  const all = { summary: rows, results, ...machineNote() };
  writeResult('all', all);
  return all;
}

if (isMain(import.meta.url)) {
  await runAll(process.argv.slice(2).length > 0 ? process.argv.slice(2) : undefined);
}
