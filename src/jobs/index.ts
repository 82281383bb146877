// Durable batch jobs: the runner, how it claims rows, and what scoring a row stores.
export { createJobRunner, type JobRunner, type JobRunnerOptions } from './job-runner.js';
export { claimerFor, type RowClaimer } from './row-claimer.js';
export { LocalClaimer } from './local-claimer.js';
export { RowLockClaimer } from './row-lock-claimer.js';
export { detectorScorer, resultFields, type RowOutcome, type RowScorer, type ScoreOutput, type ScoreTexts } from './row-outcome.js';
