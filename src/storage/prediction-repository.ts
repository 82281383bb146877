import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { wardenError } from '../errors.js';
import { BulkText } from './bulk-text.js';
import { checkPageLimit, escapeLike, type Page, type PageRequest } from './page.js';
import { decodeCursor, encodeCursor, isStorableDate, type CursorPosition } from './page-cursor.js';
import { fromPredictionRow, type NewPrediction, type PredictionRecord } from './prediction-record.js';
import { predictionsBetween, predictionWithId } from './prediction-rows.js';
import { encodeSegments, type EncodedPredictions } from './prediction-wire.js';
import type { PredictionsTable, Schema } from './schema.js';
import { isTimeOrderedId } from './time-ordered-id.js';

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

/** The segments a history page first looks back over; each miss widens the window by WIDEN. */
const FIRST_WINDOW_SEGMENTS = 4;
const WIDEN = 8;

/**
 * Stored predictions: bulk insert, fetch one, filtered newest-first pages. One written batch
 * is one segment (migration 0007): inserts cost per batch and per byte, not per prediction and
 * index; reads expand the segments whose time span they need.
 */
export class PredictionRepository {
  readonly #db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  /**
   * Inserts rows as segments (encodeSegments), with one statement. A segment already stored
   * (same first row and size: a writer retrying a batch whose first attempt did commit) is
   * skipped, so a retry records nothing twice. Returns how many predictions were new. A row
   * the log must refuse throws a data error (see encodePredictions) and nothing is written.
   */
  async insertMany(rows: readonly NewPrediction[]): Promise<number> {
    return rows.length === 0 ? 0 : this.insertEncoded(encodeSegments(rows));
  }

  /**
   * {@link insertMany} for batches already encoded (a cluster worker encodes them; the process
   * owning the database writes several workers' batches with one statement), one segment each.
   */
  async insertEncoded(batches: readonly EncodedPredictions[]): Promise<number> {
    const segments = batches.filter((b) => b.count > 0);
    if (segments.length === 0) return 0;
    // A plain insert first; a key only repeats when a writer retries a batch that did commit.
    // Then the statement fails as a whole and goes again, skipping the segments already stored.
    try {
      await insertSegments(this.#db, segments, false);
      return segments.reduce((n, b) => n + b.count, 0);
    } catch (err) {
      if ((err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
      return insertSegments(this.#db, segments, true);
    }
  }

  /** One prediction by id, or null (also for anything that is not a prediction id). */
  async get(id: string): Promise<PredictionRecord | null> {
    if (!isTimeOrderedId(id)) return null;
    const { rows } = await sql<Selectable<PredictionsTable>>`select * from ${predictionWithId(id)} as p`.execute(this.#db);
    return rows[0] ? fromPredictionRow(rows[0]) : null;
  }

  /** True when a prediction with this id is stored. */
  async exists(id: string): Promise<boolean> {
    return (await findPrediction(this.#db, id)) !== null;
  }

  /**
   * Newest first, keyset-paginated over (created_at, id): rows sharing a timestamp are
   * ordered by id, so no row is repeated or skipped between pages even while new rows arrive.
   *
   * A page reads back from its upper bound over a window that widens until it holds a full page
   * or covers the whole history: the window starts where the newest k segments below the bound
   * start (k = 4, then ×8), and every row newer than the window's start is in the segments
   * meeting the window, so the first rows found are the page. A page of recent traffic expands
   * a few segments, not the history; a filter that few rows pass reads as far back as it must.
   */
  async list(filter: PredictionFilter, page: PageRequest): Promise<Page<PredictionRecord>> {
    const limit = checkPageLimit(page.limit);
    checkFilter(filter);
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    // [bottom, top): the instants this page can come from.
    let top = filter.to?.getTime() ?? Infinity;
    if (after) top = Math.min(top, after.at.getTime() + 1);
    const bottom = filter.from?.getTime() ?? -Infinity;
    if (!(top > bottom)) return { items: [], nextCursor: null };
    const topDate = dateOrUnbounded(top);
    const below = topDate ? sql`where to_at < ${topDate}` : sql``;
    for (let k = FIRST_WINDOW_SEGMENTS; ; k *= WIDEN) {
      const { rows: newest } = await sql<{ start: Date | null; n: number }>`
        select min(from_at) as start, count(*)::int as n from (select from_at from prediction_segments ${below} order by to_at desc limit ${k}) x`.execute(this.#db);
      // Fewer than k segments lie below the bound: the window is the whole history.
      const whole = newest[0].n < k;
      const start = whole ? bottom : Math.max(bottom, new Date(newest[0].start as Date).getTime());
      const rows = await this.#window(filter, after, dateOrUnbounded(start), dateOrUnbounded(top), limit + 1);
      if (rows.length > limit || whole || start <= bottom) {
        const items = rows.slice(0, limit).map(fromPredictionRow);
        const last = items[items.length - 1];
        const nextCursor = rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null;
        return { items, nextCursor };
      }
    }
  }

  /** The newest `n` rows created in [from, to) that pass the filter, after the cursor. */
  async #window(filter: PredictionFilter, after: CursorPosition | null, from: Date | null, to: Date | null, n: number): Promise<Selectable<PredictionsTable>[]> {
    const where: RawBuilder<unknown>[] = [sql`true`];
    if (filter.label !== undefined) where.push(sql`p.label = ${filter.label}`);
    if (filter.minScore !== undefined) where.push(sql`p.risk_score >= ${filter.minScore}`);
    if (filter.maxScore !== undefined) where.push(sql`p.risk_score <= ${filter.maxScore}`);
    if (filter.modelVersion !== undefined) where.push(sql`p.model_version = ${filter.modelVersion}`);
    if (filter.hasFeedback !== undefined) {
      const feedback = sql`exists (select 1 from feedback f where f.prediction_id = p.id)`;
      where.push(filter.hasFeedback ? feedback : sql`not ${feedback}`);
    }
    if (filter.q !== undefined && filter.q !== '') where.push(sql`p.text ilike ${'%' + escapeLike(filter.q) + '%'} escape '\\'`);
    if (after) where.push(sql`(p.created_at, p.id) < (${after.at}::timestamptz, ${after.id})`);
    const { rows } = await sql<Selectable<PredictionsTable>>`
      select * from ${predictionsBetween(from, to)} as p
      where ${sql.join(where, sql` and `)}
      order by p.created_at desc, p.id desc limit ${n}`.execute(this.#db);
    return rows;
  }
}

/** Milliseconds as a Date; null (no bound) outside years 0–9999, which no stored row reaches. */
function dateOrUnbounded(ms: number): Date | null {
  const d = new Date(ms); // ±Infinity and anything past a Date's range give an invalid Date
  return isStorableDate(d) ? d : null;
}

function checkFilter(filter: PredictionFilter): void {
  for (const key of ['from', 'to'] as const) {
    const d = filter[key];
    if (d !== undefined && !(d instanceof Date && isStorableDate(d))) {
      throw wardenError('INVALID_INPUT', `Filter "${key}" must be a valid date in years 0–9999`);
    }
  }
  for (const key of ['minScore', 'maxScore'] as const) {
    const v = filter[key];
    if (v !== undefined && !Number.isFinite(v)) throw wardenError('INVALID_INPUT', `Filter "${key}" must be a finite number`);
  }
}

/**
 * Inserts one segment per batch; `skipStored`: segments whose key is stored are skipped. Returns
 * the predictions inserted. Each segment's rows go as a {@link BulkText}: on PGlite its bytes
 * reach the database without passing through a JavaScript string (most of a segment's cost).
 */
async function insertSegments(db: Kysely<Schema>, batches: readonly EncodedPredictions[], skipStored: boolean): Promise<number> {
  const values = batches.map((b) => ({
    id: segmentKey(b),
    from_at: new Date(b.fromMs),
    to_at: new Date(b.toMs),
    n: b.count,
    rows: sql<string>`${new BulkText(b.json)}`,
  }));
  let query = db.insertInto('prediction_segments').values(values);
  if (skipStored) query = query.onConflict((oc) => oc.column('id').doNothing());
  const inserted = await query.returning('n').execute();
  return inserted.reduce((n, r) => n + r.n, 0);
}

/** A batch's segment key: its first row's id and its size (an exact retry has both). */
function segmentKey(b: EncodedPredictions): string {
  return `${b.firstId}+${b.count}`;
}

/**
 * One prediction's text and hash by id, with the caller's connection or transaction (feedback
 * checks the prediction it labels), or null.
 */
export async function findPrediction(db: Kysely<Schema>, id: string): Promise<{ text: string | null; text_sha256: string } | null> {
  if (!isTimeOrderedId(id)) return null;
  const { rows } = await sql<{ text: string | null; text_sha256: string }>`select p.text, p.text_sha256 from ${predictionWithId(id)} as p`.execute(db);
  return rows[0] ?? null;
}

/**
 * Inserts predictions with the caller's connection or transaction (both backends), skipping
 * batches already stored: for rows that must commit together with something else, such as a
 * job's results. The buffered writer is the path for everything scored on request.
 */
export async function insertPredictionsWithin(db: Kysely<Schema>, rows: readonly NewPrediction[]): Promise<number> {
  return rows.length === 0 ? 0 : insertSegments(db, encodeSegments(rows), true);
}
