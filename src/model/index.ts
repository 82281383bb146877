/**
 * The model layer: linear learners over CSR matrices, calibration, threshold policies and
 * evaluation metrics. Pure computation — no I/O, no module state.
 */
export type { CsrMatrix } from './csr.js';
export { assertCsr, assertTrainingData } from './csr.js';
export type { FitReport, LinearModel } from './linear-model.js';
export { decision, decisionSparse } from './linear-model.js';
export type { LogRegOptions } from './logistic-regression.js';
export { fitLogisticRegression } from './logistic-regression.js';
export { logisticLossAndGradient } from './logistic-loss.js';
export type { SvmOptions } from './linear-svm.js';
export { fitLinearSvm } from './linear-svm.js';
export type { NaiveBayesOptions } from './naive-bayes.js';
export { fitNaiveBayes } from './naive-bayes.js';
export type { CalibratorSpec } from './calibrator.js';
export { createCalibrator } from './calibrator.js';
export { fitPlatt } from './platt.js';
export { fitIsotonic } from './isotonic.js';
export type { ThresholdPolicy } from './threshold-policy.js';
export { formatThresholdPolicy, parseThresholdPolicy } from './threshold-policy.js';
export type { OperatingPoint } from './choose-threshold.js';
export { chooseThreshold } from './choose-threshold.js';
export type { BinaryMetrics } from './binary-metrics.js';
export { binaryMetrics } from './binary-metrics.js';
export { averagePrecision, recallAtPrecision, rocAuc } from './ranking-metrics.js';
export { thresholdAbove } from './ranked-counts.js';
