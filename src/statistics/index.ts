export { psiFromCounts, psiBand, binIndex, binCounts, type PsiBand } from './psi.js';
export { ksTwoSample, ksFromHistograms, ksPValue, kolmogorovSf, type KsResult } from './ks.js';
export { chiSquareContingency, chiSquareSf, twoProportionTest, type ChiSquareResult, type TwoProportionResult } from './chi-square.js';
export { normalSf } from './normal.js';
export { gammaQ, logGamma } from './gamma.js';
export { holmAdjust, benjaminiHochbergAdjust, adjustPValues, type Correction } from './multiple-testing.js';
export { mcnemar, mcnemarPaired, binomialHalfCdf, MCNEMAR_EXACT_BELOW, type McNemarResult } from './mcnemar.js';
export { bootstrapCi, quantileSorted, type BootstrapOptions, type ConfidenceInterval } from './bootstrap.js';
