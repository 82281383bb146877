/**
 * Warden's scoring speed against scikit-learn's, both measured on this machine at the same
 * moments: the targets of issue 2 are stated against scikit-learn ("`warden score` … at least 10×
 * the scikit-learn model's in-process rate"), and on a shared machine whose speed drifts by a
 * third within minutes a ratio of runs taken side by side is the figure that holds.
 *
 * Each round runs, back to back: the scikit-learn baseline's batch scoring rate
 * (`scripts/baseline/sklearn_baseline.py --rates`: transform + decision_function over the 5,574
 * UCI texts, median of 5; the strong model of the quality bench and the plain word TF-IDF +
 * logistic regression), `warden score` on the 100,000-row file (whole process, wall), and
 * Warden's in-process scoring rate (a fresh process, `detector.score` over the UCI texts).
 * Run: `node dist/bench/relative-speed.bench.js` → bench/results/relative-speed.json. Needs
 * Debian's python3-sklearn (`apt-get install python3-sklearn`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registryAt } from '../src/cli/context.js';
import { benchDataDir, ensureBenchModel } from './bench-model.js';
import { buildScoreInput } from './cli-score.bench.js';
import { isMain, loadAverage, machineNote, median, REPO_ROOT, round, WARDEN_BIN, writeResult } from './measure.js';
import { timedRun } from './timed-run.js';
import { loadUciTexts } from './uci-texts.js';

const ROUNDS = 5;
const ROWS = 100_000;
const PYTHON = '/usr/bin/python3';
const BASELINE = join(REPO_ROOT, 'scripts', 'baseline', 'sklearn_baseline.py');

interface Rates {
  perWallSecond: number;
  perCpuSecond: number;
}

interface SklearnRates {
  model: string;
  strong: Rates;
  plain: Rates;
}

/** Whether the baseline can run here (python3 with scikit-learn). */
export function sklearnAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0;
}

function sklearnRates(): SklearnRates {
  const res = spawnSync(PYTHON, [BASELINE, '--rates'], { encoding: 'utf8', maxBuffer: 2 ** 20 });
  if (res.status !== 0) throw new Error(`sklearn_baseline.py --rates failed (${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '') as SklearnRates;
}

/** Warden's in-process `detector.score` rate in a fresh process that only scores. */
function wardenInProcess(modelDir: string): Rates {
  const probe = fileURLToPath(new URL('./score-rate-probe.js', import.meta.url));
  const res = spawnSync(process.execPath, [probe, modelDir], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`score probe failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '') as Rates;
}

export async function runRelativeSpeedBench(): Promise<Record<string, unknown>> {
  if (!sklearnAvailable()) throw new Error(`${PYTHON} with scikit-learn is needed (apt-get install -y python3-sklearn)`);
  const dataDir = benchDataDir();
  const model = await ensureBenchModel(dataDir);
  await registryAt(dataDir).resolve(model.version);
  const input = join(tmpdir(), `warden-bench-relative-${ROWS}.tsv`);
  const output = join(tmpdir(), `warden-bench-relative-${ROWS}.out.csv`);
  buildScoreInput(input, ROWS, loadUciTexts());
  const rounds: Record<string, unknown>[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const la = loadAverage();
      const sk = sklearnRates();
      const cli = timedRun(process.execPath, [WARDEN_BIN, 'score', '--in', input, '--out', output, '--data-dir', dataDir, '--model', model.version]);
      if (cli.status !== 0) throw new Error(`warden score failed (${cli.status}): ${cli.stderr}`);
      const inProcess = wardenInProcess(model.dir);
      const cliRowsPerSecond = ROWS / cli.wallSeconds;
      rounds.push({
        loadAverage: la,
        sklearnModel: sk.model,
        sklearnStrong: sk.strong,
        sklearnPlain: sk.plain,
        wardenScoreRowsPerWallSecond: Math.round(cliRowsPerSecond),
        wardenScoreWallSeconds: round(cli.wallSeconds, 2),
        wardenInProcess: inProcess,
        // the targets, as ratios taken at the same moment
        cliOverSklearn: round(cliRowsPerSecond / sk.strong.perWallSecond, 1),
        inProcessOverSklearn: round(inProcess.perCpuSecond / sk.strong.perCpuSecond, 1),
        inProcessOverPlain: round(inProcess.perCpuSecond / sk.plain.perCpuSecond, 2),
      });
    }
  } finally {
    rmSync(input, { force: true });
    rmSync(output, { force: true });
  }
  const med = (k: string) => median(rounds.map((r) => r[k] as number));
  const result = {
    command: 'node dist/bench/relative-speed.bench.js',
    rounds,
    medians: {
      cliOverSklearn: med('cliOverSklearn'),
      inProcessOverSklearn: med('inProcessOverSklearn'),
      inProcessOverPlain: med('inProcessOverPlain'),
      wardenScoreRowsPerWallSecond: med('wardenScoreRowsPerWallSecond'),
      sklearnStrongPerWallSecond: median(rounds.map((r) => (r.sklearnStrong as Rates).perWallSecond)),
      sklearnPlainPerWallSecond: median(rounds.map((r) => (r.sklearnPlain as Rates).perWallSecond)),
      wardenInProcessPerCpuSecond: median(rounds.map((r) => (r.wardenInProcess as Rates).perCpuSecond)),
    },
    targets: { cliOverSklearn: 10 },
    ...machineNote(),
  };
  writeResult('relative-speed', result);
  return result;
}

if (isMain(import.meta.url)) {
  const r = await runRelativeSpeedBench();
  for (const x of r.rounds as Record<string, unknown>[]) {
    const sk = x.sklearnStrong as Rates;
    console.log(
      `load ${(x.loadAverage as number[])[0]}: sklearn ${sk.perWallSecond.toLocaleString('en-GB')} msg/s, warden score ${(x.wardenScoreRowsPerWallSecond as number).toLocaleString('en-GB')} rows/s (${x.cliOverSklearn}×), in-process ${(x.wardenInProcess as Rates).perCpuSecond.toLocaleString('en-GB')} msg/CPU-s (${x.inProcessOverSklearn}× sklearn, ${x.inProcessOverPlain}× the plain baseline)`,
    );
  }
  console.log('medians', JSON.stringify(r.medians));
}
