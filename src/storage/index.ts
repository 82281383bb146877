// The storage layer's public API. Serving, jobs and the CLI import from here only.
export { openDatabase, type Database, type DatabaseConfig } from './database.js';
export { migrateToLatest, type MigrationReport } from './migrate.js';
export { MIGRATIONS } from './migrations/index.js';
export { PGliteDialect } from './pglite-dialect.js';
export type { Schema, JobState } from './schema.js';
export { timeOrderedId, timeOfId } from './time-ordered-id.js';
export { encodeCursor, decodeCursor, type CursorPosition } from './page-cursor.js';
export { MAX_PAGE_SIZE, type Page, type PageRequest } from './page.js';
export { preparePrediction, textSha256, type NewPrediction, type PredictionInput, type PredictionRecord } from './prediction-record.js';
export { PredictionRepository, type PredictionFilter } from './prediction-repository.js';
export { encodePredictions, encodeSegments, type EncodedPredictions } from './prediction-wire.js';
export { predictionsBetween } from './prediction-rows.js';
export { createInsertCoalescer, type EncodedPredictionSink, type InsertCoalescer } from './insert-coalescer.js';
export { isDataError } from './sql-errors.js';
export { FeedbackRepository, type CurrentFeedbackQuery, type FeedbackInput, type FeedbackRecord } from './feedback-repository.js';
export {
  JobRepository,
  type JobRecord,
  type JobResultRecord,
  type JobRowInput,
  type JobRowResult,
  type NewJob,
  type PendingJobRow,
  pagedResults,
} from './job-repository.js';
export { AuditRepository, type AuditEntry, type AuditFilter, type NewAuditEntry } from './audit-repository.js';
export {
  createPredictionWriter,
  type PredictionSink,
  type PredictionWriter,
  type PredictionWriterOptions,
  type PredictionWriterStatus,
} from './prediction-writer.js';
export {
  ModelRegistryRepository,
  type AliasChangeRow,
  type AliasRow,
  type ChangeContext,
  type DeploymentRow,
  type ModelRegistryTables,
  type ModelVersionRow,
  type NewModelVersion,
} from './model-registry-repository.js';
