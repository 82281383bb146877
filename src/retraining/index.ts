/** Retraining: feedback-merged training sets, the candidate-vs-production holdout comparison, the promotion guard, the policy. */
export { retrain, type RetrainOptions, type RetrainReport, type RetrainResult } from './retrain.js';
export { buildTrainingSet, type RetrainRow, type RowOrigin, type TrainingSet } from './training-set.js';
export { holdoutSplit } from './holdout-split.js';
export { compareOnHoldout, type CompareOptions, type HoldoutComparison, type HoldoutScorer, type ModelEvaluation, type SubsetComparison } from './compare-models.js';
export { checkGuard, validateGuard, DEFAULT_GUARD, type GuardCheck, type GuardConfig, type GuardDecision, type GuardMetrics } from './guard.js';
export { confusionOf, rateOf, RATE_NAMES, type Confusion, type RateName } from './paired-metrics.js';
export { reportMarkdown } from './report-markdown.js';
export { RetrainPolicy, DEFAULT_RETRAIN_POLICY, type RetrainDecision, type RetrainPolicyConfig, type RetrainState } from './retrain-policy.js';
