import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DEFAULT_POLICY_PATH, POLICY_FILE } from '../triage/policy.js';
import { userInfo } from 'node:os';
import { writeModelDir } from '../artifact/model-files.js';
import type { ModelManifest } from '../artifact/manifest.js';
import { FORMAT_NAME, FORMAT_VERSION } from '../artifact/manifest.js';
import type { AnyTypedArray } from '../artifact/typed-arrays.js';
import { codeVersion } from '../config/package-info.js';
import { VECTORIZER_PREFIX } from '../detector/load-detector.js';
import type { TrainedModel } from './train.js';

export function currentActor(): string {
  try {
    return process.env.WARDEN_ACTOR ?? userInfo().username;
  } catch {
    return 'unknown';
  }
}

function countLabels(labels: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of labels) out[l] = (out[l] ?? 0) + 1;
  return out;
}

/** Writes a trained model as a model directory and returns its manifest. */
export async function saveModel(t: TrainedModel, dir: string, policyPath?: string): Promise<ModelManifest> {
  const exported = t.final.vectorizer.export();
  const arrays: Record<string, AnyTypedArray> = {};
  for (const [name, a] of Object.entries(exported.arrays)) arrays[VECTORIZER_PREFIX + name] = a as AnyTypedArray;
  arrays['threat.weights'] = Float64Array.from(t.final.threat.model.weights);
  arrays['threat.bias'] = Float64Array.of(t.final.threat.model.bias);
  if (t.final.phishing) {
    arrays['phishing.weights'] = Float64Array.from(t.final.phishing.model.weights);
    arrays['phishing.bias'] = Float64Array.of(t.final.phishing.model.bias);
  }
  const d = t.dataset;
  const manifest: Omit<ModelManifest, 'files' | 'arrays' | 'id'> = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    version: null,
    parent: null,
    createdAt: new Date().toISOString(),
    createdBy: currentActor(),
    codeVersion: codeVersion(),
    data: {
      files: d.files.map((f) => ({ path: basename(f.path), rows: f.rows, fingerprint: f.fingerprint, labelCounts: f.labelCounts })),
      fingerprint: d.fingerprint,
      rows: d.rows.length,
      duplicatesRemoved: d.duplicatesRemoved,
      labelConflicts: d.labelConflicts,
      skipped: d.skipped,
      labelCounts: countLabels(t.data.labels),
      hasPhishingLabels: t.data.hasPhishingLabels,
    },
    split: {
      method: 'grouped-stratified',
      testFraction: t.options.testFraction,
      seed: t.options.seed,
      folds: t.options.folds,
      trainRows: t.split.train.length,
      testRows: t.split.test.length,
      groups: t.split.groups,
    },
    pipeline: {
      normalizer: t.options.normalizer,
      vectorizer: { spec: t.final.vectorizer.spec, state: exported.state, dimension: t.final.vectorizer.dimension },
      ruleFeatures: t.chosen.ruleFeatures,
      learner: { type: t.chosen.learner.type, params: { ...t.chosen.learner } },
      calibrator: t.calibrator,
      phishing: t.final.phishing
        ? { calibrator: t.final.phishing.calibrator, learner: { type: 'logreg', params: { C: 10, classWeight: 'balanced' } } }
        : null,
    },
    threshold: { value: t.operatingPoint.threshold, policy: t.options.policy, operatingPoint: { ...t.operatingPoint } },
    metrics: { cv: { ...t.cv, candidate: undefined }, test: t.test, refit: t.options.refit },
    reference: t.reference,
    training: {
      seconds: t.seconds,
      fit: { ...t.final.threat.report, phishing: t.final.phishing?.report ?? null },
      candidates: t.candidates.map((c) => ({ ...c, candidate: undefined })),
    },
  };
  // The triage policy is versioned with the model: a copy travels inside the artifact.
  const policy = readFileSync(policyPath ?? DEFAULT_POLICY_PATH, 'utf8');
  return writeModelDir(dir, manifest, arrays, exported.vocabulary, { [POLICY_FILE]: policy });
}
