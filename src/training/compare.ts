import { loadDataset, type ReadOptions } from '../data/index.js';
import { groupedStratifiedSplit } from '../data/index.js';
import { DEFAULT_VECTORIZER, type VectorizerSpec } from '../features/index.js';
import { DEFAULT_NORMALIZER } from '../text/index.js';
import { candidateName, defaultCandidates, type Candidate } from './learner.js';
import { crossValidate } from './cross-validate.js';
import { makeFolds, prepare } from './train.js';
import { augmentRows, DEFAULT_AUGMENTATION } from './augment.js';
import { rankingSummary, type RankingSummary } from './summary-metrics.js';
import type { PreparedData } from './prepared-data.js';

export interface ComparisonRow extends RankingSummary {
  name: string;
  learner: string;
  rule_features: boolean;
}

export interface Comparison {
  data: { files: string[]; rows: number; fingerprint: string };
  split: { testFraction: number; seed: number; folds: number; cvRows: number };
  rows: ComparisonRow[];
  best: string;
  seconds: number;
  prepared: PreparedData;
  cvRows: Int32Array;
}

/** Every candidate on the same grouped folds of the training split; the test split is not touched. */
export async function compareCandidates(opts: {
  dataPaths: string[];
  readOptions?: ReadOptions;
  seed?: number;
  testFraction?: number;
  folds?: number;
  candidates?: Candidate[];
  vectorizer?: VectorizerSpec;
  onProgress?: (stage: string, done: number, total: number) => void;
}): Promise<Comparison> {
  const started = performance.now();
  const seed = opts.seed ?? 42;
  const testFraction = opts.testFraction ?? 0.2;
  const k = opts.folds ?? 5;
  const dataset = await loadDataset(opts.dataPaths, opts.readOptions);
  // The same data as `warden train` sees: augmented copies of training rows join the folds
  // (each with its original's group); the figures are computed on original rows only.
  const original = prepare(dataset, DEFAULT_NORMALIZER, true);
  const split = groupedStratifiedSplit(original.labels, original.groups, { testFraction, seed });
  const data = augmentRows(original, DEFAULT_NORMALIZER, DEFAULT_AUGMENTATION, seed);
  const trainGroups = new Set(Array.from(split.train, (i) => original.groups[i]));
  const copies = Int32Array.from({ length: data.raw.length - original.raw.length }, (_, j) => original.raw.length + j).filter((i) => trainGroups.has(data.groups[i]));
  const folds = makeFolds(data, Int32Array.from([...split.train, ...copies]), k, seed);
  const candidates = opts.candidates ?? defaultCandidates(true);
  const cv = crossValidate(data, folds, opts.vectorizer ?? DEFAULT_VECTORIZER, candidates, (d, t) => opts.onProgress?.('cross-validation', d, t));
  const rows = candidates
    .map((c) => ({
      name: candidateName(c),
      learner: c.learner.type,
      rule_features: c.ruleFeatures,
      ...rankingSummary(cv.oof.get(candidateName(c))!, data.threat, split.train),
    }))
    .sort((a, b) => b.pr_auc - a.pr_auc || b.max_f1 - a.max_f1);
  return {
    data: { files: dataset.files.map((f) => f.path), rows: dataset.rows.length, fingerprint: dataset.fingerprint },
    split: { testFraction, seed, folds: k, cvRows: split.train.length },
    rows,
    best: rows[0].name,
    seconds: (performance.now() - started) / 1000,
    prepared: data,
    cvRows: split.train,
  };
}

export function comparisonMarkdown(c: Comparison): string {
  const lines = [
    '# Model comparison',
    '',
    `Data: ${c.data.rows} rows (${c.data.files.map((f) => f.split('/').pop()).join(', ')}), fingerprint \`${c.data.fingerprint.slice(0, 16)}…\`.`,
    `Out-of-fold figures on the training split (${c.split.cvRows} rows; test share ${c.split.testFraction} held out and untouched), ` +
      `${c.split.folds} grouped stratified folds, seed ${c.split.seed}. Sorted by PR-AUC; the first is what \`warden train\` keeps.`,
    '',
    '| candidate | rule features | PR-AUC | ROC-AUC | best F1 | recall @ precision ≥ 0.995 |',
    '|---|---|---|---|---|---|',
    ...c.rows.map((r) => `| ${r.name} | ${r.rule_features ? 'yes' : 'no'} | ${r.pr_auc.toFixed(4)} | ${r.roc_auc.toFixed(4)} | ${r.max_f1.toFixed(4)} | ${r.recall_at_precision_995.toFixed(4)} |`),
    '',
    `Best: **${c.best}**. Took ${c.seconds.toFixed(1)} s.`,
    '',
  ];
  return lines.join('\n');
}
