import type { ArrayEntry } from './typed-arrays.js';

/** Bumped whenever the artifact layout changes incompatibly; loaders refuse other versions. */
export const FORMAT_VERSION = 1;
export const FORMAT_NAME = 'warden-model';

export interface DatasetRecord {
  path: string;
  rows: number;
  fingerprint: string;
  labelCounts: Record<string, number>;
}

export interface SplitRecord {
  method: 'grouped-stratified';
  testFraction: number;
  seed: number;
  folds: number;
  trainRows: number;
  testRows: number;
  groups: number;
}

export interface LearnerRecord {
  type: 'logreg' | 'svm' | 'nb';
  params: Record<string, unknown>;
}

/**
 * manifest.json: everything needed to rebuild the scoring pipeline and to audit how the model
 * was made. The pipeline specs live here so training and serving can never disagree.
 */
export interface ModelManifest {
  format: typeof FORMAT_NAME;
  formatVersion: number;
  id: string; // content hash of the weights and vocabulary
  version: string | null; // assigned by the registry
  parent: string | null;
  createdAt: string;
  createdBy: string;
  codeVersion: string;
  data: {
    files: DatasetRecord[];
    fingerprint: string;
    rows: number;
    duplicatesRemoved: number;
    labelConflicts: number;
    skipped: { skipped: number; reasons: Record<string, number> };
    labelCounts: Record<string, number>;
    hasPhishingLabels: boolean;
  };
  split: SplitRecord;
  pipeline: {
    normalizer: unknown;
    vectorizer: { spec: unknown; state: unknown; dimension: number };
    ruleFeatures: boolean;
    learner: LearnerRecord;
    calibrator: unknown;
    phishing: { calibrator: unknown; learner: LearnerRecord } | null;
  };
  threshold: { value: number; policy: unknown; operatingPoint: Record<string, unknown> };
  metrics: { cv: Record<string, unknown>; test: Record<string, unknown> | null; refit: boolean };
  training: { seconds: number; fit: Record<string, unknown>; candidates: Record<string, unknown>[] };
  /** Training-time distributions for drift monitoring (src/training/reference.ts); absent in older models. */
  reference?: unknown;
  files: Record<string, { sha256: string; bytes: number }>;
  arrays: Record<string, ArrayEntry>;
}
