import { CompiledQuery, sql, type Kysely } from 'kysely';
import { wardenError } from '../errors.js';
import { checkPageLimit, escapeLike, type Page, type PageRequest } from './page.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { fromPredictionRow, type PredictionRecord } from './prediction-record.js';
import { CopyFromBlob } from './pglite-dialect.js';
import { encodePredictions, PREDICTION_COLUMNS, PREDICTION_COLUMNS_OF_R, predictionsParameter, type EncodedPredictions, type PredictionEncoding } from './prediction-wire.js';
import type { Schema } from './schema.js';

/** Filters for {@link PredictionRepository.list}; all optional, combined with AND. */
export interface PredictionFilter {
  /** Inclusive lower bound on created_at. */
  from?: Date;
  /** Exclusive upper bound on created_at. */
  to?: Date;
  label?: string;
  /** Inclusive bounds on risk_score. */
  minScore?: number;
  maxScore?: number;
  modelVersion?: string;
  /** true: only predictions with any feedback; false: only those without. */
  hasFeedback?: boolean;
  /** Case-insensitive substring of the stored text (predictions stored as hash only never match). */
  q?: string;
}

const UNIQUE_VIOLATION = '23505';

// Rows per statement for insertMany: bounds the size of the one parameter (and of a failed batch's retry).
const INSERT_CHUNK = 1000;

/** How bulk inserts travel: COPY is the embedded database's fast path (see prediction-wire.ts). */
export interface PredictionRepositoryOptions {
  /** The backend: 'pglite' inserts with COPY, anything else with one JSON parameter. Default 'postgres'. */
  kind?: 'pglite' | 'postgres';
}

/** Stored predictions: bulk insert, fetch one, filtered newest-first pages. */
export class PredictionRepository {
  readonly #db: Kysely<Schema>;
  /** The encoding insertMany uses and insertEncoded accepts besides JSON. */
  readonly encoding: PredictionEncoding;

  constructor(db: Kysely<Schema>, options: PredictionRepositoryOptions = {}) {
    this.#db = db;
    this.encoding = options.kind === 'pglite' ? 'copy' : 'json';
  }

  /**
   * Inserts rows; a row whose id already exists is skipped, so a writer retrying a batch
   * whose first attempt did commit records nothing twice. Returns how many were new.
   */
  async insertMany(rows: readonly PredictionRecord[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      inserted += await this.insertEncoded(encodePredictions(rows.slice(i, i + INSERT_CHUNK), this.encoding));
    }
    return inserted;
  }

  /**
   * {@link insertMany} for rows already encoded (a cluster worker encodes them; the process
   * owning the database merges several workers' batches into one statement). `copy` batches
   * need the embedded database; `json` ones work on both.
   */
  async insertEncoded(batch: EncodedPredictions): Promise<number> {
    if (batch.count === 0) return 0;
    if (batch.format === 'copy' && this.encoding !== 'copy') throw wardenError('INTERNAL', 'COPY-encoded predictions need the embedded database');
    // A plain insert first: ON CONFLICT's speculative insertion costs ~15% more per row on
    // PGlite (measured), and COPY has no ON CONFLICT at all. Ids only repeat when a writer
    // retries a batch that did commit; then the statement fails as a whole (unique violation)
    // and the batch goes again, skipping the rows already stored.
    try {
      return batch.format === 'copy' ? await this.#copy(batch) : await this.#insertJson(batch, false);
    } catch (err) {
      if ((err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
      return batch.format === 'copy' ? this.#copySkippingExisting(batch) : this.#insertJson(batch, true);
    }
  }

  async #insertJson(batch: EncodedPredictions, skipExisting: boolean): Promise<number> {
    return insertJson(this.#db, batch, skipExisting);
  }

  async #copy(batch: EncodedPredictions, table = 'predictions', db: Kysely<Schema> = this.#db): Promise<number> {
    const result = await db.executeQuery(CompiledQuery.raw(`copy ${table} (${PREDICTION_COLUMNS}) from '/dev/blob'`, [new CopyFromBlob(new Blob([batch.rows]))]));
    return Number(result.numAffectedRows ?? 0n);
  }

  /** COPY into a session-private staging table, then move what is new. Only after a retry. */
  async #copySkippingExisting(batch: EncodedPredictions): Promise<number> {
    return this.#db.transaction().execute(async (tx) => {
      await sql`create temporary table if not exists predictions_incoming (like predictions including defaults) on commit delete rows`.execute(tx);
      await this.#copy(batch, 'predictions_incoming', tx);
      const result = await sql`insert into predictions select * from predictions_incoming on conflict (id) do nothing`.execute(tx);
      return Number(result.numAffectedRows ?? 0n);
    });
  }

  /** One prediction by id, or null. */
  async get(id: string): Promise<PredictionRecord | null> {
    const row = await this.#db.selectFrom('predictions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromPredictionRow(row) : null;
  }

  /** True when a prediction with this id is stored. */
  async exists(id: string): Promise<boolean> {
    const row = await this.#db.selectFrom('predictions').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Newest first, keyset-paginated over (created_at, id): rows sharing a timestamp are
   * ordered by id, so no row is repeated or skipped between pages even while new rows arrive.
   */
  async list(filter: PredictionFilter, page: PageRequest): Promise<Page<PredictionRecord>> {
    const limit = checkPageLimit(page.limit);
    checkFilter(filter);
    let query = this.#db.selectFrom('predictions as p').selectAll('p');
    if (filter.from) query = query.where('p.created_at', '>=', filter.from);
    if (filter.to) query = query.where('p.created_at', '<', filter.to);
    if (filter.label !== undefined) query = query.where('p.label', '=', filter.label);
    if (filter.minScore !== undefined) query = query.where('p.risk_score', '>=', filter.minScore);
    if (filter.maxScore !== undefined) query = query.where('p.risk_score', '<=', filter.maxScore);
    if (filter.modelVersion !== undefined) query = query.where('p.model_version', '=', filter.modelVersion);
    if (filter.hasFeedback !== undefined) {
      const feedback = sql<boolean>`exists (select 1 from feedback f where f.prediction_id = p.id)`;
      query = query.where(filter.hasFeedback ? feedback : sql<boolean>`not ${feedback}`);
    }
    if (filter.q !== undefined && filter.q !== '') {
      query = query.where(sql<boolean>`p.text ilike ${'%' + escapeLike(filter.q) + '%'} escape '\\'`);
    }
    if (page.cursor) {
      const after = decodeCursor(page.cursor);
      query = query.where(sql<boolean>`(p.created_at, p.id) < (${after.at}, ${after.id})`);
    }
    const rows = await query.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(limit + 1).execute();
    const items = rows.slice(0, limit).map(fromPredictionRow);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null;
    return { items, nextCursor };
  }
}

function checkFilter(filter: PredictionFilter): void {
  for (const key of ['from', 'to'] as const) {
    const d = filter[key];
    if (d !== undefined && !(d instanceof Date && !Number.isNaN(d.getTime()))) {
      throw wardenError('INVALID_INPUT', `Filter "${key}" must be a valid date`);
    }
  }
  for (const key of ['minScore', 'maxScore'] as const) {
    const v = filter[key];
    if (v !== undefined && !Number.isFinite(v)) throw wardenError('INVALID_INPUT', `Filter "${key}" must be a finite number`);
  }
}

async function insertJson(db: Kysely<Schema>, batch: EncodedPredictions, skipExisting: boolean): Promise<number> {
  const result = await sql`
    insert into predictions (${sql.raw(PREDICTION_COLUMNS)})
    select ${sql.raw(PREDICTION_COLUMNS_OF_R)}
    from jsonb_array_elements(${predictionsParameter(batch)}::jsonb) as r
    ${skipExisting ? sql`on conflict (id) do nothing` : sql``}`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Inserts predictions with the caller's connection or transaction (both backends), skipping
 * ids already stored: for rows that must commit together with something else, such as a
 * job's results. The buffered writer is the path for everything scored on request.
 */
export function insertPredictionsWithin(db: Kysely<Schema>, rows: readonly PredictionRecord[]): Promise<number> {
  return insertJson(db, encodePredictions(rows, 'json'), true);
}
