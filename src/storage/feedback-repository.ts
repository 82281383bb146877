import { sql, type Kysely, type Selectable } from 'kysely';
import { wardenError } from '../errors.js';
import { textSha256 } from './prediction-record.js';
import { findPrediction } from './prediction-repository.js';
import type { FeedbackTable, Schema } from './schema.js';
import { timeOrderedId } from './time-ordered-id.js';

/** One analyst label. Superseded rows stay, with `supersededBy` pointing at their replacement. */
export interface FeedbackRecord {
  id: string;
  predictionId: string | null;
  textSha256: string;
  text: string | null;
  label: string;
  analyst: string | null;
  note: string | null;
  createdAt: Date;
  supersededBy: string | null;
  isCurrent: boolean;
}

/** A new label: for a stored prediction, or for a raw text (or both, if they agree). */
export interface FeedbackInput {
  predictionId?: string;
  text?: string;
  label: string;
  analyst?: string | null;
  note?: string | null;
}

/** Options for {@link FeedbackRepository.current}. */
export interface CurrentFeedbackQuery {
  since?: Date;
  predictionId?: string;
  textSha256?: string;
  /** Default 1,000. */
  limit?: number;
}

/**
 * Analyst feedback with history. A message is identified by its text hash (a prediction id
 * implies its hash), and re-labelling a message supersedes its current label, so there is
 * exactly one current label per message — the database enforces it with a partial unique index.
 */
export class FeedbackRepository {
  readonly #db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  /**
   * Stores a label and supersedes the message's previous current label in one transaction.
   * Throws PREDICTION_NOT_FOUND for an unknown prediction id, INVALID_INPUT when neither a
   * prediction id nor a text is given or they disagree, EMPTY_TEXT for an empty text.
   * `now` stamps the label (default: the database's clock); the simulation passes its simulated day.
   */
  async add(input: FeedbackInput, now?: Date): Promise<FeedbackRecord> {
    if (typeof input.label !== 'string' || input.label.trim() === '') {
      throw wardenError('INVALID_INPUT', 'Feedback needs a non-empty label');
    }
    if (input.predictionId === undefined && input.text === undefined) {
      throw wardenError('INVALID_INPUT', 'Feedback needs a prediction id or a text');
    }
    if (input.text !== undefined && input.text === '') throw wardenError('EMPTY_TEXT', 'Feedback text is empty');
    const id = timeOrderedId(now?.getTime());
    return this.#db.transaction().execute(async (trx) => {
      let sha = input.text !== undefined ? textSha256(input.text) : '';
      let text = input.text ?? null;
      if (input.predictionId !== undefined) {
        const prediction = await findPrediction(trx, input.predictionId);
        if (!prediction) throw wardenError('PREDICTION_NOT_FOUND', `No prediction ${input.predictionId}`);
        if (input.text !== undefined && sha !== prediction.text_sha256) {
          throw wardenError('INVALID_INPUT', 'The text does not match the prediction it labels');
        }
        sha = prediction.text_sha256;
        text ??= prediction.text;
      }
      // Serialise relabels of one message so two concurrent adds cannot both become current.
      await sql`select pg_advisory_xact_lock(hashtextextended(${sha}, 0))`.execute(trx);
      await trx
        .updateTable('feedback')
        .set({ is_current: false, superseded_by: id })
        .where('text_sha256', '=', sha)
        .where('is_current', '=', true)
        .execute();
      const row = await trx
        .insertInto('feedback')
        .values({
          id,
          prediction_id: input.predictionId ?? null,
          text_sha256: sha,
          text,
          label: input.label,
          analyst: input.analyst ?? null,
          note: input.note ?? null,
          superseded_by: null,
          is_current: true,
          ...(now ? { created_at: now } : {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return fromFeedbackRow(row);
    });
  }

  /** Every label given to this prediction, newest first (superseded ones included). */
  async forPrediction(predictionId: string): Promise<FeedbackRecord[]> {
    const rows = await this.#db
      .selectFrom('feedback')
      .selectAll()
      .where('prediction_id', '=', predictionId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(fromFeedbackRow);
  }

  /** Every label given to this message (by text hash), newest first. */
  async forMessage(sha256: string): Promise<FeedbackRecord[]> {
    const rows = await this.#db
      .selectFrom('feedback')
      .selectAll()
      .where('text_sha256', '=', sha256)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(fromFeedbackRow);
  }

  /** Current labels (one per message), newest first — what monitoring compares predictions against. */
  async current(query: CurrentFeedbackQuery = {}): Promise<FeedbackRecord[]> {
    const limit = query.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1) throw wardenError('INVALID_INPUT', `Invalid limit ${limit}`);
    let q = this.#db.selectFrom('feedback').selectAll().where('is_current', '=', true);
    if (query.since) q = q.where('created_at', '>=', query.since);
    if (query.predictionId !== undefined) q = q.where('prediction_id', '=', query.predictionId);
    if (query.textSha256 !== undefined) q = q.where('text_sha256', '=', query.textSha256);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(fromFeedbackRow);
  }

  /** How many labels (superseded included) were given at or after `since`. */
  async countSince(since: Date): Promise<number> {
    const row = await this.#db
      .selectFrom('feedback')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function fromFeedbackRow(row: Selectable<FeedbackTable>): FeedbackRecord {
  return {
    id: row.id,
    predictionId: row.prediction_id,
    textSha256: row.text_sha256,
    text: row.text,
    label: row.label,
    analyst: row.analyst,
    note: row.note,
    createdAt: row.created_at,
    supersededBy: row.superseded_by,
    isCurrent: row.is_current,
  };
}
