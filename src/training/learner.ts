import type { CsrMatrix } from '../features/index.js';
import { fitLinearSvm, fitLogisticRegression, fitNaiveBayes, type FitReport, type LinearModel } from '../model/index.js';

/** A learner and its hyper-parameters: serialisable, `type`-discriminated, one factory below. */
export type LearnerSpec =
  | { type: 'logreg'; C: number; classWeight: 'balanced' | null }
  | { type: 'svm'; C: number; classWeight: 'balanced' | null }
  | { type: 'nb'; alpha: number; variant: 'complement' | 'multinomial' };

/** A candidate = learner + whether the rule (tag) features are appended to the text features. */
export interface Candidate {
  learner: LearnerSpec;
  ruleFeatures: boolean;
}

export function candidateName(c: Candidate): string {
  const l = c.learner;
  const params = l.type === 'nb' ? `${l.variant},alpha=${l.alpha}` : `C=${l.C}${l.classWeight ? ',balanced' : ''}`;
  return `${l.type}(${params})${c.ruleFeatures ? '+rules' : ''}`;
}

export function fitLearner(spec: LearnerSpec, X: CsrMatrix, y: Uint8Array): { model: LinearModel; report: FitReport } {
  switch (spec.type) {
    case 'logreg':
      return fitLogisticRegression(X, y, { C: spec.C, classWeight: spec.classWeight, tol: 1e-4, maxIter: 500 });
    case 'svm':
      return fitLinearSvm(X, y, { C: spec.C, classWeight: spec.classWeight, tol: 1e-4, maxIter: 1000 });
    case 'nb':
      return fitNaiveBayes(X, y, { alpha: spec.alpha, variant: spec.variant });
    default:
      throw new Error(`unknown learner ${JSON.stringify(spec)}`);
  }
}

/** The candidates `warden train` and `warden compare` consider by default. */
export function defaultCandidates(withRules: boolean): Candidate[] {
  // A small grid: each fit is ~0.5 s on the bundled data, and CV multiplies it by the folds.
  const learners: LearnerSpec[] = [
    { type: 'logreg', C: 20, classWeight: 'balanced' },
    { type: 'svm', C: 0.5, classWeight: 'balanced' },
    // Unweighted: scikit-learn's grouped CV picks an unweighted LinearSVC on the UCI splits too.
    { type: 'svm', C: 1, classWeight: null },
    { type: 'nb', alpha: 0.1, variant: 'complement' },
  ];
  const out: Candidate[] = learners.map((learner) => ({ learner, ruleFeatures: false }));
  if (withRules) out.push({ learner: { type: 'svm', C: 0.5, classWeight: 'balanced' }, ruleFeatures: true });
  return out;
}
