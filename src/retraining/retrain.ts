/**
 * `retrain`: production's training data + analyst feedback → a candidate model, evaluated with
 * production on one grouped holdout, registered under the alias `candidate`, with a JSON and a
 * Markdown comparison report. The candidate reuses production's pipeline (normaliser,
 * vectoriser, learner, threshold policy) so the comparison isolates what the new data changed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readManifest, MANIFEST_FILE } from '../artifact/model-files.js';
import type { ModelManifest } from '../artifact/manifest.js';
import { loadDetector } from '../detector/load-detector.js';
import { BUNDLED_DATASETS, fingerprintRows, isThreat, loadDataset } from '../data/index.js';
import { wardenError } from '../errors.js';
import type { VectorizerSpec } from '../features/index.js';
import type { ThresholdPolicy } from '../model/index.js';
import type { Alias, ModelRegistry } from '../registry/model-registry.js';
import type { FeedbackRecord } from '../storage/index.js';
import type { NormalizerSpec } from '../text/index.js';
import type { Candidate, LearnerSpec } from '../training/learner.js';
import { saveModel } from '../training/save-model.js';
import { train } from '../training/train.js';
import { compareOnHoldout, type HoldoutComparison } from './compare-models.js';
import { checkGuard, DEFAULT_GUARD, type GuardConfig, type GuardDecision } from './guard.js';
import { holdoutSplit } from './holdout-split.js';
import { reportMarkdown } from './report-markdown.js';
import { buildTrainingSet, type RetrainRow, type TrainingSet } from './training-set.js';

export interface RetrainOptions {
  registry: ModelRegistry;
  /** Current analyst labels, e.g. `await stores.feedback.current({ limit: 1_000_000 })`. */
  feedback: readonly FeedbackRecord[];
  /** Where the candidate model, its training files and the reports are written. */
  outDir: string;
  actor: string;
  /** The model to improve on (default 'production'). */
  baseRef?: string;
  /** Files to find the base model's training data in, matched by file name (default: the bundled datasets). */
  dataPaths?: string[];
  seed?: number;
  /** Holdout share of the merged rows (default 0.2). */
  testFraction?: number;
  /** CV folds for calibration and threshold (default 3). */
  folds?: number;
  /** Default: the base model's own learner and rule-feature choice. */
  candidates?: Candidate[];
  guard?: GuardConfig;
  bootstrapResamples?: number;
  /**
   * Which holdout rows the comparison and the guard use: 'all' (default) or 'feedback' — only
   * analyst-labelled live traffic, which production never trained on (production has seen every
   * base row, so base holdout rows flatter it).
   */
  evaluateOn?: 'all' | 'feedback';
  /** Register the candidate (default true). */
  register?: boolean;
  now?: () => Date;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface RetrainReport {
  createdAt: string;
  actor: string;
  seconds: number;
  production: { version: string; id: string; dataFingerprint: string };
  candidate: { version: string | null; id: string; dir: string; aliases: Alias[] };
  data: {
    baseRows: number;
    baseFingerprint: string;
    baseFingerprintMatches: boolean;
    feedbackUsed: number;
    feedbackFingerprint: string;
    feedbackIds: string[];
    baseReplaced: number;
    contradicted: number;
    feedbackSkipped: TrainingSet['feedbackSkipped'];
  };
  split: { seed: number; testFraction: number; evaluatedOn: 'all' | 'feedback'; trainRows: number; holdoutRows: number; trainFeedback: number; holdoutFeedback: number };
  comparison: HoldoutComparison;
  guard: GuardDecision;
  guardConfig: GuardConfig;
}

export interface RetrainResult {
  report: RetrainReport;
  reportPaths: { json: string; markdown: string };
  candidateDir: string;
}

/** The base model's data files, found by name among `paths` (manifests keep file names only). */
function locateData(manifest: ModelManifest, paths: readonly string[]): string[] {
  return manifest.data.files.map((f) => {
    const hit = paths.find((p) => basename(p) === f.path);
    if (!hit) throw wardenError('BAD_DATA', `training file '${f.path}' of model ${manifest.version ?? manifest.id} is not among the data files given (${paths.map((p) => basename(p)).join(', ')})`);
    return hit;
  });
}

async function writeJsonl(path: string, rows: readonly RetrainRow[]): Promise<void> {
  await writeFile(path, rows.map((r) => JSON.stringify({ text: r.text, label: r.label })).join('\n') + '\n');
}

const count = (rows: readonly RetrainRow[], idx: Int32Array, origin: RetrainRow['origin']) => {
  let n = 0;
  for (const i of idx) if (rows[i].origin === origin) n++;
  return n;
};

/**
 * Builds, evaluates and registers a candidate. Throws BAD_DATA when the base model's training
 * files cannot be found, ONE_CLASS / INVALID_INPUT from training when the merged data cannot be
 * split or trained on.
 *
 * @example
 * const { report } = await retrain({ registry, feedback: await stores.feedback.current({ limit: 100_000 }), outDir: 'var/retrain/1', actor: 'ops' });
 * report.guard.promotable; report.comparison.mcnemar.pValue;
 */
export async function retrain(opts: RetrainOptions): Promise<RetrainResult> {
  const started = performance.now();
  const now = opts.now ?? (() => new Date());
  const seed = opts.seed ?? 42;
  const testFraction = opts.testFraction ?? 0.2;
  const guardConfig = opts.guard ?? { ...DEFAULT_GUARD };
  const progress = opts.onProgress ?? (() => {});
  const base = await opts.registry.resolve(opts.baseRef ?? 'production');
  const manifest = await readManifest(base.dir);

  progress('reading data', 0, 1);
  const dataset = await loadDataset(locateData(manifest, opts.dataPaths ?? BUNDLED_DATASETS));
  const set = buildTrainingSet(dataset.rows, opts.feedback);
  const split = holdoutSplit(set.rows, testFraction, seed);

  const dataDir = join(opts.outDir, 'data');
  await mkdir(dataDir, { recursive: true });
  const trainRows = Array.from(split.train, (i) => set.rows[i]);
  const feedbackTrain = trainRows.filter((r) => r.origin === 'feedback');
  const paths = [join(dataDir, 'base-train.jsonl')];
  await writeJsonl(paths[0], trainRows.filter((r) => r.origin === 'base'));
  if (feedbackTrain.length > 0) {
    paths.push(join(dataDir, 'feedback-train.jsonl'));
    await writeJsonl(paths[1], feedbackTrain);
  }
  await writeJsonl(join(dataDir, 'holdout.jsonl'), Array.from(split.test, (i) => set.rows[i]));

  const p = manifest.pipeline;
  const candidates = opts.candidates ?? [{ learner: p.learner.params as unknown as LearnerSpec, ruleFeatures: p.ruleFeatures }];
  const trained = await train({
    dataPaths: paths,
    seed,
    testFraction: 0, // the holdout is ours, shared with production
    folds: opts.folds ?? 3,
    candidates,
    ruleFeatures: candidates.some((c) => c.ruleFeatures) ? 'auto' : false,
    calibration: (p.calibrator as { type?: string }).type === 'isotonic' ? 'isotonic' : 'platt',
    policy: manifest.threshold.policy as ThresholdPolicy,
    normalizer: p.normalizer as NormalizerSpec,
    vectorizer: p.vectorizer.spec as VectorizerSpec,
    onProgress: progress,
  });
  const candidateDir = join(opts.outDir, 'model');
  const saved = await saveModel(trained, candidateDir);
  // Lineage: the parent version and who trained it (saveModel knows neither).
  const raw = JSON.parse(await readFile(join(candidateDir, MANIFEST_FILE), 'utf8')) as ModelManifest;
  await writeFile(join(candidateDir, MANIFEST_FILE), `${JSON.stringify({ ...raw, parent: base.version, createdBy: opts.actor }, null, 2)}\n`);

  progress('holdout comparison', 0, 1);
  const production = await loadDetector(base.dir);
  const candidate = await loadDetector(candidateDir);
  const evalRows = opts.evaluateOn === 'feedback' ? split.test.filter((i) => set.rows[i].origin === 'feedback') : split.test;
  const texts = Array.from(evalRows, (i) => set.rows[i].text);
  const y = Uint8Array.from(evalRows, (i) => (isThreat(set.rows[i].label) ? 1 : 0));
  const feedbackIdx = Int32Array.from(Array.from(evalRows.keys()).filter((k) => set.rows[evalRows[k]].origin === 'feedback'));
  const comparison = compareOnHoldout(production, candidate, texts, y, {
    resamples: opts.bootstrapResamples ?? 1000,
    seed,
    subsets: feedbackIdx.length > 0 ? { feedback: feedbackIdx } : {},
  });
  const pm = comparison.production.metrics;
  const cm = comparison.candidate.metrics;
  const guard = checkGuard(
    { recall: pm.recall.estimate, fpr: pm.fpr.estimate, precision: pm.precision.estimate, f1: pm.f1.estimate },
    { recall: cm.recall.estimate, fpr: cm.fpr.estimate, precision: cm.precision.estimate, f1: cm.f1.estimate },
    guardConfig,
  );

  let registered: { version: string; dir: string; aliases: Alias[] } | null = null;
  if (opts.register !== false) {
    registered = await opts.registry.register(candidateDir, opts.actor);
    if (!registered.aliases.includes('candidate') && !registered.aliases.includes('production')) {
      await opts.registry.promote(registered.version, opts.actor, 'candidate');
      registered = { ...registered, aliases: [...registered.aliases, 'candidate'] };
    }
  }
  const feedbackRows = set.rows.filter((r) => r.origin === 'feedback');
  const report: RetrainReport = {
    createdAt: now().toISOString(),
    actor: opts.actor,
    seconds: (performance.now() - started) / 1000,
    production: { version: base.version, id: manifest.id, dataFingerprint: manifest.data.fingerprint },
    candidate: { version: registered?.version ?? null, id: saved.id, dir: registered?.dir ?? candidateDir, aliases: registered?.aliases ?? [] },
    data: {
      baseRows: dataset.rows.length,
      baseFingerprint: dataset.fingerprint,
      baseFingerprintMatches: dataset.fingerprint === manifest.data.fingerprint,
      feedbackUsed: set.feedbackUsed,
      feedbackFingerprint: fingerprintRows(feedbackRows),
      feedbackIds: feedbackRows.map((r) => r.feedbackId as string),
      baseReplaced: set.baseReplaced,
      contradicted: set.contradicted,
      feedbackSkipped: set.feedbackSkipped,
    },
    split: {
      seed,
      testFraction,
      evaluatedOn: opts.evaluateOn ?? 'all',
      trainRows: split.train.length,
      holdoutRows: split.test.length,
      trainFeedback: count(set.rows, split.train, 'feedback'),
      holdoutFeedback: count(set.rows, split.test, 'feedback'),
    },
    comparison,
    guard,
    guardConfig,
  };
  const reportPaths = { json: join(opts.outDir, 'report.json'), markdown: join(opts.outDir, 'report.md') };
  await writeFile(reportPaths.json, `${JSON.stringify(report, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
  await writeFile(reportPaths.markdown, reportMarkdown(report));
  progress('done', 1, 1);
  return { report, reportPaths, candidateDir };
}
