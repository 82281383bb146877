import { FORMAT_NAME, FORMAT_VERSION, type ModelManifest } from '../../src/artifact/manifest.js';

/** A syntactically complete manifest for tests of the artifact and registry layers. */
export function fakeManifest(): Omit<ModelManifest, 'files' | 'arrays' | 'id'> {
  return {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    version: null,
    parent: null,
    createdAt: '2026-11-23T00:00:00.000Z',
    createdBy: 'test',
    codeVersion: 'warden@test',
    data: { files: [], fingerprint: 'f'.repeat(64), rows: 3, duplicatesRemoved: 0, labelConflicts: 0, skipped: { skipped: 0, reasons: {} }, labelCounts: { benign: 2, spam: 1 }, hasPhishingLabels: false },
    split: { method: 'grouped-stratified', testFraction: 0.2, seed: 1, folds: 3, trainRows: 2, testRows: 1, groups: 3 },
    pipeline: { normalizer: { type: 'nfkc' }, vectorizer: { spec: {}, state: {}, dimension: 3 }, ruleFeatures: false, learner: { type: 'logreg', params: { C: 1 } }, calibrator: { type: 'platt', a: 1, b: 0 }, phishing: null },
    threshold: { value: 0.5, policy: { type: 'max-f1' }, operatingPoint: {} },
    metrics: { cv: {}, test: null, refit: true },
    training: { seconds: 1, fit: {}, candidates: [] },
  };
}

