import { loadDataset, type Dataset, type ReadOptions } from '../data/index.js';
import { groupedStratifiedKFold, groupedStratifiedSplit, groupIds } from '../data/index.js';
import { isThreat } from '../data/label.js';
import { wardenError } from '../errors.js';
import { DEFAULT_VECTORIZER, fitVectorizer, type VectorizerSpec } from '../features/index.js';
import { binaryMetrics, chooseThreshold, createCalibrator, decision, fitIsotonic, fitLogisticRegression, fitPlatt } from '../model/index.js';
import type { CalibratorSpec, FitReport, LinearModel, ThresholdPolicy } from '../model/index.js';
import { createNormalizer, DEFAULT_NORMALIZER, type NormalizerSpec } from '../text/index.js';
import { candidateName, defaultCandidates, fitLearner, type Candidate } from './learner.js';
import { crossValidate, hasBoth, type Fold } from './cross-validate.js';
import { selectRows, take, takeBytes, takeFloats, whereOne, type PreparedData } from './prepared-data.js';
import { appendRuleColumns, ruleMatrix } from './rule-columns.js';
import { augmentRows, DEFAULT_AUGMENTATION } from './augment.js';
import { rankingSummary, type RankingSummary } from './summary-metrics.js';
import { classReport } from './class-metrics.js';
import type { Label } from '../data/label.js';
import { TAG_NAMES } from '../rules/index.js';
import { buildReference, type MonitoringReference } from './reference.js';

export interface TrainOptions {
  dataPaths: string[];
  readOptions?: ReadOptions;
  seed?: number;
  testFraction?: number;
  folds?: number;
  candidates?: Candidate[];
  /** 'auto': consider text-only and text+rule-feature candidates and keep the better out of fold. */
  ruleFeatures?: 'auto' | boolean;
  calibration?: 'platt' | 'isotonic';
  policy?: ThresholdPolicy;
  refit?: boolean;
  normalizer?: NormalizerSpec;
  vectorizer?: VectorizerSpec;
  /** Add seeded inserted-spaces rewrites of 30% of the rows of every class (default true). */
  augment?: boolean;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface CandidateResult extends RankingSummary {
  name: string;
  candidate: Candidate;
}

export interface TrainedModel {
  dataset: Dataset;
  data: PreparedData;
  options: Required<Omit<TrainOptions, 'onProgress' | 'candidates' | 'readOptions'>> & { candidates: Candidate[] };
  split: { train: Int32Array; test: Int32Array; groups: number };
  candidates: CandidateResult[];
  chosen: Candidate;
  calibrator: CalibratorSpec;
  operatingPoint: ReturnType<typeof chooseThreshold>;
  cv: CandidateResult;
  test: Record<string, unknown> | null;
  /** Training-time distributions (out-of-fold scores, tags, numeric features, words) for drift monitoring. */
  reference: MonitoringReference;
  final: {
    vectorizer: ReturnType<typeof fitVectorizer>;
    threat: { model: LinearModel; report: FitReport };
    phishing: { model: LinearModel; report: FitReport; calibrator: CalibratorSpec } | null;
  };
  seconds: number;
}

/** The rule-feature rows `rows` of a row-major rule matrix. */
function rulesOf(rules: Float32Array, rows: Int32Array): Float32Array {
  const k = TAG_NAMES.length;
  const out = new Float32Array(rows.length * k);
  for (let i = 0; i < rows.length; i++) out.set(rules.subarray(rows[i] * k, rows[i] * k + k), i * k);
  return out;
}

/** Normalises, tags and groups a dataset once. */
export function prepare(dataset: Dataset, normalizer: NormalizerSpec, withRules: boolean): PreparedData {
  const norm = createNormalizer(normalizer);
  const raw = dataset.rows.map((r) => r.text);
  const labels = dataset.rows.map((r) => r.label);
  const threat = new Uint8Array(labels.length);
  const phishing = new Uint8Array(labels.length);
  labels.forEach((l, i) => {
    threat[i] = isThreat(l) ? 1 : 0;
    phishing[i] = l === 'phishing' ? 1 : 0;
  });
  const hasSpam = labels.includes('spam');
  return {
    raw,
    norm: raw.map((t) => norm.normalize(t).text),
    labels,
    threat,
    phishing,
    groups: groupIds(raw),
    rules: withRules ? ruleMatrix(raw) : null,
    hasPhishingLabels: dataset.hasPhishingLabels && hasSpam,
  };
}

/** Grouped, stratified k folds of the given rows, as global indices. */
export function makeFolds(data: PreparedData, rows: Int32Array, k: number, seed: number): Fold[] {
  const local = groupedStratifiedKFold(take(data.labels, rows), Int32Array.from(take(Array.from(data.groups), rows)), { k, seed });
  const toGlobal = (idx: Int32Array): Int32Array => Int32Array.from(idx, (i) => rows[i]);
  return local.map((f) => ({ train: toGlobal(f.train), test: toGlobal(f.test) }));
}

function fitCalibrator(kind: 'platt' | 'isotonic', d: Float64Array, y: Uint8Array): CalibratorSpec {
  return kind === 'isotonic' ? fitIsotonic(d, y) : fitPlatt(d, y);
}

/** Fits vectoriser + learner (+ rule columns) on `rows`; returns a scorer of other rows' decisions. */
function fitOn(data: PreparedData, rows: Int32Array, vectorizer: VectorizerSpec, c: Candidate) {
  const vec = fitVectorizer(vectorizer, take(data.norm, rows));
  let X = vec.transformMany(take(data.norm, rows));
  if (c.ruleFeatures && data.rules) X = appendRuleColumns(X, data.rules, rows);
  const fit = fitLearner(c.learner, X, takeBytes(data.threat, rows));
  const transform = (other: Int32Array) => {
    const Xo = vec.transformMany(take(data.norm, other));
    return c.ruleFeatures && data.rules ? appendRuleColumns(Xo, data.rules, other) : Xo;
  };
  const decide = (other: Int32Array): Float64Array => decision(fit.model, transform(other));
  return { vec, X, fit, decide, transform };
}

function fitPhishing(data: PreparedData, rows: Int32Array, X: ReturnType<typeof fitOn>['X']) {
  const threatRows = whereOne(takeBytes(data.threat, rows));
  const y = takeBytes(takeBytes(data.phishing, rows), threatRows);
  if (!hasBoth(y)) return null;
  // Same columns as the threat model (text, plus rule columns when the threat model uses them).
  const Xt = selectRows(X, threatRows);
  return fitLogisticRegression(Xt, y, { C: 10, classWeight: 'balanced', maxIter: 300 });
}

/**
 * The training pipeline: grouped stratified holdout split → grouped k-fold CV of every candidate
 * on the training part → selection by out-of-fold PR-AUC (F1 breaks ties) → calibration and
 * threshold from out-of-fold scores → one evaluation on the untouched test split → refit on all rows.
 */
export async function train(opts: TrainOptions): Promise<TrainedModel> {
  const started = performance.now();
  const o = {
    dataPaths: opts.dataPaths,
    seed: opts.seed ?? 42,
    testFraction: opts.testFraction ?? 0.2,
    folds: opts.folds ?? 5,
    ruleFeatures: opts.ruleFeatures ?? 'auto',
    calibration: opts.calibration ?? 'platt',
    policy: opts.policy ?? ({ type: 'max-f1' } as ThresholdPolicy),
    refit: opts.refit ?? true,
    normalizer: opts.normalizer ?? DEFAULT_NORMALIZER,
    augment: opts.augment ?? true,
    vectorizer: opts.vectorizer ?? DEFAULT_VECTORIZER,
  };
  const progress = opts.onProgress ?? (() => {});
  progress('reading data', 0, 1);
  const dataset = await loadDataset(o.dataPaths, opts.readOptions);
  const withRules = o.ruleFeatures !== false;
  const candidates = (opts.candidates ?? defaultCandidates(withRules)).filter((c) => o.ruleFeatures !== false || !c.ruleFeatures)
    .filter((c) => o.ruleFeatures !== true || c.ruleFeatures || c.learner.type === 'nb');
  if (candidates.length === 0) throw wardenError('INVALID_INPUT', 'no candidate learners to train');
  progress('preparing', 0, 1);
  const original = prepare(dataset, o.normalizer, withRules);
  const originals = original.raw.length;
  // Rewritten copies of a share of every class join training (same group as their original: no leakage);
  // every figure below is computed on original rows only, and the test split holds originals only.
  const data = o.augment ? augmentRows(original, o.normalizer, DEFAULT_AUGMENTATION, o.seed) : original;

  // testFraction 0: no holdout (e.g. the caller keeps its own test set); CV figures only.
  // The split is made on the original rows (so it does not depend on augmentation); each copy
  // then follows its original's group, which is on one side only.
  const split =
    o.testFraction > 0
      ? groupedStratifiedSplit(original.labels, original.groups, { testFraction: o.testFraction, seed: o.seed })
      : { train: Int32Array.from(original.raw.keys()), test: new Int32Array(0) };
  const trainGroups = new Set(Array.from(split.train, (i) => original.groups[i]));
  const copies = Int32Array.from({ length: data.raw.length - originals }, (_, j) => originals + j).filter((i) => trainGroups.has(data.groups[i]));
  const trainRows = Int32Array.from([...split.train, ...copies]); // originals + copies of training rows
  if (!hasBoth(takeBytes(data.threat, split.train))) throw wardenError('ONE_CLASS', 'the training split has only one class');
  const folds = makeFolds(data, trainRows, o.folds, o.seed);
  const cv = crossValidate(data, folds, o.vectorizer, candidates, (d, t) => progress('cross-validation', d, t));

  const results: CandidateResult[] = candidates.map((c) => ({
    name: candidateName(c),
    candidate: c,
    ...rankingSummary(cv.oof.get(candidateName(c))!, data.threat, split.train),
  }));
  const best = [...results].sort((a, b) => b.pr_auc - a.pr_auc || b.max_f1 - a.max_f1)[0];

  // Calibration and threshold: out-of-fold scores of the training split only.
  const oofD = takeFloats(cv.oof.get(best.name)!, split.train);
  const yTrain = takeBytes(data.threat, split.train);
  const calibrator = fitCalibrator(o.calibration, oofD, yTrain);
  const cal = createCalibrator(calibrator);
  const oofP = Float64Array.from(oofD, cal);
  const operatingPoint = chooseThreshold(oofP, yTrain, o.policy);
  // The drift reference uses out-of-fold scores: in-sample scores would be over-confident.
  const reference = buildReference({ rawTexts: take(data.raw, split.train), scores: oofP, rules: data.rules ? rulesOf(data.rules, split.train) : null });
  let phishingCalibrator: CalibratorSpec | null = null;
  if (cv.phishingOof) {
    const rows = split.train.filter((i) => data.threat[i] === 1 && !Number.isNaN(cv.phishingOof![i]));
    const yp = takeBytes(data.phishing, rows);
    if (hasBoth(yp)) phishingCalibrator = fitPlatt(takeFloats(cv.phishingOof, rows), yp);
  }

  // The one look at the test split.
  let test: Record<string, unknown> | null = null;
  let holdout: ReturnType<typeof fitOn> | null = null;
  if (split.test.length > 0) {
    progress('holdout evaluation', 0, 1);
    holdout = fitOn(data, trainRows, o.vectorizer, best.candidate);
    const pTest = Float64Array.from(holdout.decide(split.test), cal);
    const yTest = takeBytes(data.threat, split.test);
    const m = binaryMetrics(pTest, yTest, operatingPoint.threshold);
    test = { ...m, recall_at_precision_995: rankingSummary(pTest, yTest, Int32Array.from(yTest.keys())).recall_at_precision_995 };
    if (phishingCalibrator) {
      const ph = fitPhishing(data, trainRows, holdout.X);
      if (ph) {
        const Xte = holdout.transform(split.test);
        const pp = Float64Array.from(decision(ph.model, Xte), createCalibrator(phishingCalibrator));
        const predicted: Label[] = Array.from(pTest, (p, i) => (p >= operatingPoint.threshold ? (pp[i] >= 0.5 ? 'phishing' : 'spam') : 'benign'));
        const report = classReport(take(data.labels, split.test), predicted);
        test.per_class = report.per_class;
        test.class_confusion_matrix = report.confusion;
        test.macro_f1 = report.macro_f1;
      }
    }
  }

  // Final model: refit on every row (or keep the holdout model with refit: false).
  progress('final fit', 0, 1);
  const allRows = Int32Array.from(data.raw.keys());
  const finalFit = o.refit || !holdout ? fitOn(data, allRows, o.vectorizer, best.candidate) : holdout;
  const finalRows = o.refit || !holdout ? allRows : trainRows;
  let phishing: TrainedModel['final']['phishing'] = null;
  if (phishingCalibrator) {
    const ph = fitPhishing(data, finalRows, finalFit.X);
    if (ph) phishing = { ...ph, calibrator: phishingCalibrator };
  }
  progress('done', 1, 1);
  return {
    dataset,
    data,
    options: { ...o, candidates },
    split: { train: split.train, test: split.test, groups: new Set(data.groups).size },
    candidates: results,
    chosen: best.candidate,
    calibrator,
    operatingPoint,
    cv: best,
    test,
    reference,
    final: { vectorizer: finalFit.vec, threat: finalFit.fit, phishing },
    seconds: (performance.now() - started) / 1000,
  };
}
