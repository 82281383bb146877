import { fitVectorizer, type VectorizerSpec } from '../features/index.js';
import { decision, fitLogisticRegression } from '../model/index.js';
import { candidateName, fitLearner, type Candidate } from './learner.js';
import { selectRows, take, takeBytes, whereOne, type PreparedData } from './prepared-data.js';
import { appendRuleColumns } from './rule-columns.js';

export interface Fold {
  train: Int32Array; // global row indices
  test: Int32Array;
}

export interface CrossValidation {
  /** Out-of-fold decision values per candidate name, indexed by global row (NaN outside the CV rows). */
  oof: Map<string, Float64Array>;
  /** Out-of-fold phishing-vs-spam decisions on threat rows (NaN elsewhere), or null. */
  phishingOof: Float64Array | null;
  seconds: number;
}

/**
 * Trains every candidate on the same grouped folds. The vectoriser is refitted inside each fold,
 * so vocabulary and idf never see the fold's test rows.
 */
export function crossValidate(
  data: PreparedData,
  folds: readonly Fold[],
  vectorizer: VectorizerSpec,
  candidates: readonly Candidate[],
  onProgress?: (done: number, total: number) => void,
): CrossValidation {
  const started = performance.now();
  const n = data.raw.length;
  const oof = new Map<string, Float64Array>();
  for (const c of candidates) oof.set(candidateName(c), new Float64Array(n).fill(Number.NaN));
  const phishingOof = data.hasPhishingLabels ? new Float64Array(n).fill(Number.NaN) : null;
  const total = folds.length * candidates.length;
  let done = 0;
  for (const fold of folds) {
    const vec = fitVectorizer(vectorizer, take(data.norm, fold.train));
    const Xtr = vec.transformMany(take(data.norm, fold.train));
    const Xte = vec.transformMany(take(data.norm, fold.test));
    const XtrR = data.rules ? appendRuleColumns(Xtr, data.rules, fold.train) : null;
    const XteR = data.rules ? appendRuleColumns(Xte, data.rules, fold.test) : null;
    const ytr = takeBytes(data.threat, fold.train);
    for (const c of candidates) {
      const useRules = c.ruleFeatures && XtrR && XteR;
      const { model } = fitLearner(c.learner, useRules ? XtrR : Xtr, ytr);
      const d = decision(model, useRules ? XteR : Xte);
      const out = oof.get(candidateName(c))!;
      for (let i = 0; i < fold.test.length; i++) out[fold.test[i]] = d[i];
      onProgress?.(++done, total);
    }
    if (phishingOof) {
      const trThreat = whereOne(ytr);
      const yp = takeBytes(takeBytes(data.phishing, fold.train), trThreat);
      if (hasBoth(yp)) {
        const { model } = fitLogisticRegression(selectRows(Xtr, trThreat), yp, { C: 10, classWeight: 'balanced', maxIter: 300 });
        const d = decision(model, Xte);
        for (let i = 0; i < fold.test.length; i++) {
          if (data.threat[fold.test[i]] === 1) phishingOof[fold.test[i]] = d[i];
        }
      }
    }
  }
  return { oof, phishingOof, seconds: (performance.now() - started) / 1000 };
}

export function hasBoth(y: Uint8Array): boolean {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  return pos > 0 && pos < y.length;
}
