import type { ColumnType, Generated } from 'kysely';

/**
 * Table types for Kysely, one interface per table, snake_case as in the migrations.
 * jsonb columns are written as JSON text (`JSON.stringify`) because node-postgres would
 * otherwise send a JS array as a Postgres array literal; both drivers read them back parsed.
 */
export interface Schema {
  prediction_segments: PredictionSegmentsTable;
  feedback: FeedbackTable;
  jobs: JobsTable;
  job_rows: JobRowsTable;
  job_results: JobResultsTable;
  audit_log: AuditLogTable;
}

type Jsonb<T> = ColumnType<T, string, string>;

/**
 * One written batch of predictions (migration 0007): its rows as a JSON array, read back through
 * predictionsBetween / the `predictions` view, never selected whole by application code.
 */
export interface PredictionSegmentsTable {
  /** The first prediction's id and the batch size: an exact retry of a batch has the same key. */
  id: string;
  from_at: Date;
  to_at: Date;
  n: number;
  rows: string;
}

/** A prediction as the `predictions` view and predictionsBetween give it. */
export interface PredictionsTable {
  id: string;
  created_at: Date;
  text: string | null;
  text_sha256: string;
  text_length: number;
  risk_score: number;
  label: string;
  is_threat: boolean;
  threshold: number;
  model_version: string;
  tags: Jsonb<string[]>;
  latency_us: number;
  source: string;
  client: string | null;
  shadow_version: string | null;
  shadow_score: number | null;
}

export interface FeedbackTable {
  id: string;
  prediction_id: string | null;
  text_sha256: string;
  text: string | null;
  label: string;
  analyst: string | null;
  note: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  superseded_by: string | null;
  is_current: boolean;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  state: JobState;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  total_rows: Generated<number>;
  done_rows: Generated<number>;
  error_count: Generated<number>;
  input_format: string;
  options: Jsonb<Record<string, unknown>>;
  error: string | null;
  model_version: string | null;
}

export interface JobRowsTable {
  job_id: string;
  row_index: number;
  text: string;
  passthrough: Jsonb<Record<string, unknown> | null> | null;
}

export interface JobResultsTable {
  job_id: string;
  row_index: number;
  output: Jsonb<unknown> | null;
  error: string | null;
}

export interface AuditLogTable {
  id: string;
  at: ColumnType<Date, Date | undefined, never>;
  actor: string;
  action: string;
  subject: string | null;
  details: Jsonb<Record<string, unknown>>;
}
