/**
 * `warden score` on a 100,000-row file (the UCI texts repeated into a UCI-format TSV under
 * the temp dir): whole-process wall time, rows per second, child CPU time and peak RSS, median
 * of 3 runs. Run: `node dist/bench/cli-score.bench.js` → bench/results/cli-score.json.
 * Target ≥ 70,000 rows/s (10× scikit-learn's in-process 7,000/s).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDataDir, ensureBenchModel } from './bench-model.js';
import { isMain, loadAverage, machineNote, median, round, WARDEN_BIN, writeResult } from './measure.js';
import { timedRun, type TimedRun } from './timed-run.js';
import { loadUciTexts } from './uci-texts.js';

const ROWS = 100_000;
const RUNS = 3;

/** Writes `rows` UCI-format lines (ham<TAB>text), cycling through the UCI texts. */
export function buildScoreInput(path: string, rows: number, texts: readonly string[]): void {
  if (texts.length === 0) throw new Error('no texts to repeat');
  const lines: string[] = new Array(rows);
  for (let i = 0; i < rows; i++) lines[i] = `ham\t${texts[i % texts.length]}`;
  writeFileSync(path, lines.join('\n') + '\n');
}

/** Counts the newline characters of a file (the CSV output has one per row plus the header). */
function countLines(path: string): number {
  const s = readFileSync(path, 'utf8');
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10 /* '\n' */) n++;
  return n;
}

/** Runs the CLI scoring bench and writes `bench/results/cli-score.json`. */
export async function runCliScoreBench(): Promise<Record<string, unknown>> {
  const dataDir = benchDataDir();
  const model = await ensureBenchModel(dataDir);
  const input = join(tmpdir(), `warden-bench-score-${ROWS}.tsv`);
  const output = join(tmpdir(), `warden-bench-score-${ROWS}.out.csv`);
  buildScoreInput(input, ROWS, loadUciTexts());
  const args = [WARDEN_BIN, 'score', '--in', input, '--out', output, '--data-dir', dataDir];
  const runs: (TimedRun & { loadAverage: number[] })[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const la = loadAverage();
      const r = timedRun(process.execPath, args);
      if (r.status !== 0) throw new Error(`warden score failed (${r.status}): ${r.stderr}`);
      const lines = countLines(output);
      if (lines !== ROWS + 1) throw new Error(`expected ${ROWS + 1} CSV lines, got ${lines}`);
      runs.push({ ...r, loadAverage: la });
    }
  } finally {
    rmSync(input, { force: true });
    if (existsSync(output)) rmSync(output, { force: true });
  }
  const wall = median(runs.map((r) => r.wallSeconds));
  const cpu = median(runs.map((r) => r.cpuSeconds));
  const result = {
    command: `node bin/warden.js score --in <${ROWS}-row UCI TSV> --out <tmp CSV> --data-dir ${dataDir}`,
    model: model.version,
    rows: ROWS,
    runs: runs.map((r) => ({ wallSeconds: round(r.wallSeconds, 2), cpuSeconds: round(r.cpuSeconds, 2), maxRssMB: round(r.maxRssMB, 1), loadAverage: r.loadAverage })),
    wallSecondsMedian: round(wall, 2),
    rowsPerWallSecond: Math.round(ROWS / wall),
    rowsPerCpuSecond: Math.round(ROWS / cpu),
    target: 70_000,
    ...machineNote(),
  };
  writeResult('cli-score', result);
  return result;
}

if (isMain(import.meta.url)) {
  const r = await runCliScoreBench();
  console.log(`warden score: ${r.rows} rows in ${r.wallSecondsMedian} s → ${(r.rowsPerWallSecond as number).toLocaleString('en-GB')} rows/s wall, ${(r.rowsPerCpuSecond as number).toLocaleString('en-GB')} rows/CPU-s (load ${JSON.stringify(r.loadAverage)})`);
}
