import { sql, type Kysely, type RawBuilder } from 'kysely';
import { predictionsBetween, type Schema } from '../storage/index.js';
import type { MonitoringRange } from './time-range.js';

/** One cell of the drift aggregate: a window, a score bin, a length bin, rows and rows per tag. */
export interface DriftCell {
  windowStart: Date;
  scoreBin: number;
  lengthBin: number;
  count: number;
  /** Rows carrying each tag, in the order of the `tags` argument. */
  tagCounts: number[];
}

/** `date_trunc` on UTC windows; the unit is checked by resolveRange, never user text here. */
export function windowExpr(range: MonitoringRange, column = 'created_at'): RawBuilder<Date> {
  return sql<Date>`date_trunc(${sql.lit(range.window)}, ${sql.ref(column)}, 'UTC')`;
}

export function rangeFilter(range: MonitoringRange, alias = ''): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(alias ? `${alias}.${c}` : c);
  const version = range.modelVersion === null ? sql`true` : sql`${col('model_version')} = ${range.modelVersion}`;
  return sql<boolean>`${col('created_at')} >= ${range.from} and ${col('created_at')} < ${range.to} and ${version}`;
}

/**
 * The whole drift aggregate in ONE scan and one hash aggregate: rows per (window, score bin on
 * the reference edges, length bin), with a filtered count per tag (`tags ? name` is cheap on
 * small jsonb arrays). Grouping by both bins keeps the group count small (windows × ~10 × ~33)
 * while letting the caller sum either histogram and the tag counts per window.
 * Only counts leave the database, never rows.
 */
export async function driftCells(db: Kysely<Schema>, range: MonitoringRange, scoreEdges: readonly number[], lengthEdges: readonly number[], tags: readonly string[]): Promise<DriftCell[]> {
  const tagColumns = tags.length === 0 ? sql`` : sql`, ${sql.join(tags.map((t, i) => sql`count(*) filter (where tags ? ${t})::int as ${sql.ref(`t${i}`)}`))}`;
  const result = await sql<Record<string, unknown> & { w: Date; s: number; l: number; n: number }>`
    select ${windowExpr(range)} as w,
      width_bucket(risk_score, ${[...scoreEdges]}::float8[]) as s,
      width_bucket(text_length::float8, ${[...lengthEdges]}::float8[]) as l,
      count(*)::int as n${tagColumns}
    from ${predictionsBetween(range.from, range.to)} as predictions
    where ${rangeFilter(range)}
    group by 1, 2, 3`.execute(db);
  return result.rows.map((r) => ({
    windowStart: new Date(r.w),
    scoreBin: Number(r.s),
    lengthBin: Number(r.l),
    count: Number(r.n),
    tagCounts: tags.map((_, i) => Number(r[`t${i}`])),
  }));
}

/** Up to `limit` stored texts of one window, newest first (the OOV sample). */
export async function sampleTexts(db: Kysely<Schema>, range: MonitoringRange, start: Date, end: Date, limit: number): Promise<string[]> {
  const from = start > range.from ? start : range.from;
  const to = end < range.to ? end : range.to;
  const result = await sql<{ text: string }>`
    select text from ${predictionsBetween(from, to)} as predictions
    where ${rangeFilter({ ...range, from, to })} and text is not null
    order by created_at desc limit ${limit}`.execute(db);
  return result.rows.map((r) => r.text);
}
