/**
 * Quality on leakage-free UCI splits, against the strongest plain scikit-learn linear text model.
 *
 * For split seeds 1, 2, 3 on the UCI SMS Spam Collection only: the grouped stratified 20 % test
 * split (our `groupIds` + `groupedStratifiedSplit`) is written to
 * `bench/results/splits-uci-seed<N>.json` (row indices in file order, plus the group ids, so the
 * Python baseline uses the very same rows and groups); the default pipeline is trained on the
 * training rows only, saved and loaded as a served model, and scored on the test rows.
 * The scikit-learn figures come from `bench/results/sklearn-baseline.json`, written by
 * `/usr/bin/python3 scripts/baseline/sklearn_baseline.py` (CI does not run Python).
 *
 * Run: `node dist/bench/quality.bench.js` (`--splits-only` writes the split files and stops).
 * Writes `bench/results/quality.json`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupedStratifiedSplit, groupIds, isThreat, loadDataset, type Dataset } from '../src/data/index.js';
import { loadDetector } from '../src/detector/load-detector.js';
import { binaryMetrics, recallAtPrecision } from '../src/model/index.js';
import { saveModel } from '../src/training/save-model.js';
import { train } from '../src/training/train.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UCI = join(ROOT, 'data', 'sms-spam-collection', 'SMSSpamCollection.tsv');
const RESULTS = join(ROOT, 'bench', 'results');
const SEEDS = [1, 2, 3];
const TEST_FRACTION = 0.2;
const MIN_PRECISION = 0.995;

export interface SplitFile {
  dataset: string;
  seed: number;
  testFraction: number;
  rows: number;
  /** Row indices in file order (0 = first line of the file). */
  train: number[];
  test: number[];
  /** Group id of every row of the file (same near-duplicate text → same id). */
  groups: number[];
}

async function loadUci(): Promise<Dataset> {
  const ds = await loadDataset([UCI]);
  // Row i must be line i of the file, or the split files would not mean what they say.
  const lines = readFileSync(UCI, 'utf8').split('\n').filter((l) => l.length > 0).length;
  if (ds.rows.length !== lines) throw new Error(`UCI loaded ${ds.rows.length} rows from ${lines} lines: indices would not be file order`);
  return ds;
}

/** Computes and writes the grouped split of the UCI file for one seed. */
export function uciSplit(ds: Dataset, seed: number): SplitFile {
  const texts = ds.rows.map((r) => r.text);
  const groups = groupIds(texts);
  const split = groupedStratifiedSplit(ds.rows.map((r) => r.label), groups, { testFraction: TEST_FRACTION, seed });
  const file: SplitFile = {
    dataset: 'data/sms-spam-collection/SMSSpamCollection.tsv',
    seed,
    testFraction: TEST_FRACTION,
    rows: texts.length,
    train: Array.from(split.train),
    test: Array.from(split.test),
    groups: Array.from(groups),
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `splits-uci-seed${seed}.json`), JSON.stringify(file) + '\n');
  return file;
}

function sameRows(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface SeedResult {
  seed: number;
  trainRows: number;
  testRows: number;
  testSpam: number;
  chosen: string;
  threshold: number;
  f1: number;
  precision: number;
  recall: number;
  pr_auc: number;
  roc_auc: number;
  recall_at_precision_995: number;
  /** F1 that train() itself reported on the same test rows (before save/load): should equal `f1`. */
  trainReportedF1: number;
  trainSeconds: number;
}

/**
 * Trains the default pipeline on the split's training rows and scores its test rows.
 *
 * `train()` cannot take `testFraction: 0` (groupedStratifiedSplit rejects it), so it runs on the
 * whole file with the same seed and fraction — which reproduces exactly our split (checked) — and
 * `refit: false`, so the saved model is the one fitted on the training rows only: vectoriser,
 * learner selection, calibration and threshold never see the test rows.
 */
async function runSeed(ds: Dataset, split: SplitFile, workDir: string): Promise<SeedResult> {
  const started = performance.now();
  const t = await train({ dataPaths: [UCI], seed: split.seed, testFraction: TEST_FRACTION, refit: false });
  const trainSeconds = (performance.now() - started) / 1000;
  if (!sameRows(t.split.train, split.train) || !sameRows(t.split.test, split.test)) {
    throw new Error(`train() split for seed ${split.seed} differs from the bench split`);
  }
  const dir = join(workDir, `seed${split.seed}`);
  await saveModel(t, dir);
  const detector = await loadDetector(dir);
  const scores = Float64Array.from(split.test, (i) => detector.score(ds.rows[i].text).riskScore);
  const y = Uint8Array.from(split.test, (i) => (isThreat(ds.rows[i].label) ? 1 : 0));
  const m = binaryMetrics(scores, y, detector.threshold);
  return {
    seed: split.seed,
    trainRows: split.train.length,
    testRows: split.test.length,
    testSpam: m.confusion_matrix.tp + m.confusion_matrix.fn,
    chosen: t.cv.name,
    threshold: detector.threshold,
    f1: m.f1,
    precision: m.precision,
    recall: m.recall,
    pr_auc: m.pr_auc,
    roc_auc: m.roc_auc,
    recall_at_precision_995: recallAtPrecision(scores, y, MIN_PRECISION).recall,
    trainReportedF1: typeof t.test?.f1 === 'number' ? t.test.f1 : Number.NaN,
    trainSeconds,
  };
}

interface BaselineSeed {
  seed: number;
  f1: number;
  recall_at_precision_995: number;
  [k: string]: unknown;
}

function readBaseline(): { seeds: BaselineSeed[]; [k: string]: unknown } | null {
  const path = join(RESULTS, 'sklearn-baseline.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { seeds: BaselineSeed[] }) : null;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '   —  ' : x.toFixed(4));

/** Runs the quality comparison, prints the table and writes `bench/results/quality.json`. */
export async function runQualityBench(): Promise<Record<string, unknown>> {
  const ds = await loadUci();
  const splits = SEEDS.map((s) => uciSplit(ds, s));
  const workDir = mkdtempSync(join(tmpdir(), 'warden-quality-'));
  const ours: SeedResult[] = [];
  try {
    for (const split of splits) ours.push(await runSeed(ds, split, workDir));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const baseline = readBaseline();
  const theirs = SEEDS.map((s) => baseline?.seeds.find((b) => b.seed === s));

  console.log('seed  ours F1  sklearn F1  ours R@P≥.995  sklearn R@P≥.995  ours PR-AUC  train s');
  ours.forEach((o, i) => {
    console.log(`${String(o.seed).padEnd(6)}${fmt(o.f1)}   ${fmt(theirs[i]?.f1)}      ${fmt(o.recall_at_precision_995)}         ${fmt(theirs[i]?.recall_at_precision_995)}            ${fmt(o.pr_auc)}       ${o.trainSeconds.toFixed(1)}`);
  });
  const have = theirs.every((t) => t !== undefined);
  const summary = {
    f1: mean(ours.map((o) => o.f1)),
    recall_at_precision_995: mean(ours.map((o) => o.recall_at_precision_995)),
    pr_auc: mean(ours.map((o) => o.pr_auc)),
    trainSeconds: mean(ours.map((o) => o.trainSeconds)),
    sklearn_f1: have ? mean(theirs.map((t) => t!.f1)) : null,
    sklearn_recall_at_precision_995: have ? mean(theirs.map((t) => t!.recall_at_precision_995)) : null,
  };
  console.log(`mean  ${fmt(summary.f1)}   ${fmt(summary.sklearn_f1 ?? undefined)}      ${fmt(summary.recall_at_precision_995)}         ${fmt(summary.sklearn_recall_at_precision_995 ?? undefined)}            ${fmt(summary.pr_auc)}       ${summary.trainSeconds.toFixed(1)}`);
  const result = {
    dataset: 'data/sms-spam-collection/SMSSpamCollection.tsv',
    testFraction: TEST_FRACTION,
    seeds: ours,
    sklearn: baseline,
    mean: summary,
    measuredAt: new Date().toISOString(),
    node: process.version,
  };
  writeFileSync(join(RESULTS, 'quality.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--splits-only')) {
    const ds = await loadUci();
    for (const s of SEEDS) {
      const f = uciSplit(ds, s);
      console.log(`seed ${s}: ${f.train.length} train, ${f.test.length} test rows`);
    }
  } else {
    await runQualityBench();
  }
}
