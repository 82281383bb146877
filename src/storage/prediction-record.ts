import { hash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { PredictionsTable } from './schema.js';
import { timeOrderedId } from './time-ordered-id.js';

/** One stored prediction, as the rest of Warden sees it (camelCase). */
export interface PredictionRecord {
  id: string;
  createdAt: Date;
  /** Null when the service is configured to store only hashes. */
  text: string | null;
  textSha256: string;
  textLength: number;
  riskScore: number;
  label: string;
  isThreat: boolean;
  threshold: number;
  modelVersion: string;
  tags: string[];
  latencyUs: number;
  /** Where the request came from, e.g. 'api', 'batch', 'job'. */
  source: string;
  /** API key id, when the request was authenticated. */
  client: string | null;
  shadowVersion: string | null;
  shadowScore: number | null;
}

/**
 * A prediction on its way to the database: a record whose text hash may be left out (null)
 * when the text itself is kept, since the hash is by definition the SHA-256 of that text and
 * the database computes it when the prediction is read (a kept text's hash is never stored).
 * Hashing every scored message cost ~0.9 µs for a value nobody read.
 */
export interface NewPrediction extends Omit<PredictionRecord, 'textSha256'> {
  /** Null only when `text` is kept. */
  textSha256: string | null;
}

/** What a scorer knows about one prediction; {@link preparePrediction} fills in the rest. */
export interface PredictionInput {
  text: string;
  riskScore: number;
  label: string;
  isThreat: boolean;
  threshold: number;
  modelVersion: string;
  tags?: string[];
  latencyUs: number;
  source: string;
  client?: string | null;
  shadowVersion?: string | null;
  shadowScore?: number | null;
}

/** Hex SHA-256 of the UTF-8 text: the message identity shared by predictions and feedback. */
export function textSha256(text: string): string {
  // One-shot: a third of createHash().update().digest() per message (no Hash object).
  return hash('sha256', text, 'hex');
}

/**
 * Turns a scorer's output into a record ready to store: a fresh time-ordered id (so the API
 * can return it before the write lands), the text's length, and either the text itself (when
 * `storeText` is true) or its hash (when it is false).
 *
 * @example
 * ```ts
 * const row = preparePrediction({ text: 'hi', riskScore: 0.1, label: 'ham', isThreat: false,
 *   threshold: 0.5, modelVersion: 'v1', latencyUs: 120, source: 'api' }, { storeText: false });
 * row.text; // null
 * row.textSha256; // '8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4'
 * ```
 */
export function preparePrediction(input: PredictionInput, options: { storeText: boolean; now?: Date }): NewPrediction {
  const createdAt = options.now ?? new Date();
  return {
    id: timeOrderedId(createdAt.getTime()),
    createdAt,
    text: options.storeText ? input.text : null,
    textSha256: options.storeText ? null : textSha256(input.text),
    textLength: input.text.length,
    riskScore: input.riskScore,
    label: input.label,
    isThreat: input.isThreat,
    threshold: input.threshold,
    modelVersion: input.modelVersion,
    tags: input.tags ?? [],
    latencyUs: Math.round(input.latencyUs),
    source: input.source,
    client: input.client ?? null,
    shadowVersion: input.shadowVersion ?? null,
    shadowScore: input.shadowScore ?? null,
  };
}

/** Selected row → record. */
export function fromPredictionRow(row: Selectable<PredictionsTable>): PredictionRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    text: row.text,
    textSha256: row.text_sha256,
    textLength: row.text_length,
    riskScore: row.risk_score,
    label: row.label,
    isThreat: row.is_threat,
    threshold: row.threshold,
    modelVersion: row.model_version,
    tags: row.tags,
    latencyUs: row.latency_us,
    source: row.source,
    client: row.client,
    shadowVersion: row.shadow_version,
    shadowScore: row.shadow_score,
  };
}
