import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../storage/index.js';
import type { MonitoringRange } from './time-range.js';

/*
 * The SQL twins of training/reference.ts's numeric features. They must give the same numbers
 * as digitShare/capsShare/urlCount (a test checks it on a real database): text_length is the
 * UTF-16 length written by the scorer, and the regexes only count ASCII characters.
 */
export const DIGIT_SHARE = sql`coalesce(length(regexp_replace(text, '[^0-9]', '', 'g'))::float8 / nullif(text_length, 0), 0)`;
export const CAPS_SHARE = sql`coalesce(length(regexp_replace(text, '[^A-Z]', '', 'g'))::float8 / nullif(length(regexp_replace(text, '[^A-Za-z]', '', 'g')), 0), 0)`;
export const URL_COUNT = sql`regexp_count(text, 'https?://|www\\.', 1, 'i')::float8`;

/** Edges of every histogram the drift query makes (inner edges, `width_bucket` convention). */
export interface DriftEdges {
  score: readonly number[];
  length: readonly number[];
  digit_share: readonly number[];
  caps_share: readonly number[];
  url_count: readonly number[];
}

/** One histogram cell: window start, which histogram, bucket, count. */
export interface HistogramCell {
  windowStart: Date;
  histogram: keyof DriftEdges;
  bucket: number;
  count: number;
}

// grouping(s, l, d, c, u) is a bitmask with a 1 for each column aggregated away.
const GROUPING: Record<number, keyof DriftEdges> = { 15: 'score', 23: 'length', 27: 'digit_share', 29: 'caps_share', 30: 'url_count' };

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
 * Every histogram of every window in ONE scan of the range (GROUPING SETS): the risk score on
 * the reference's bins, the length, and — for rows whose text is stored — digit share, caps
 * share and URL count. Only counts leave the database, never rows.
 */
export async function histogramCells(db: Kysely<Schema>, range: MonitoringRange, edges: DriftEdges): Promise<HistogramCell[]> {
  const arr = (a: readonly number[]) => sql`${[...a]}::float8[]`;
  const result = await sql<{ w: Date; s: number | null; l: number | null; d: number | null; c: number | null; u: number | null; g: number; n: number }>`
    with x as (
      select ${windowExpr(range)} as w,
        width_bucket(risk_score, ${arr(edges.score)}) as s,
        width_bucket(text_length::float8, ${arr(edges.length)}) as l,
        case when text is null then null else width_bucket(${DIGIT_SHARE}, ${arr(edges.digit_share)}) end as d,
        case when text is null then null else width_bucket(${CAPS_SHARE}, ${arr(edges.caps_share)}) end as c,
        case when text is null then null else width_bucket(${URL_COUNT}, ${arr(edges.url_count)}) end as u
      from predictions
      where ${rangeFilter(range)}
    )
    select w, s, l, d, c, u, grouping(s, l, d, c, u)::int as g, count(*)::int as n
    from x
    group by grouping sets ((w, s), (w, l), (w, d), (w, c), (w, u))`.execute(db);
  const cells: HistogramCell[] = [];
  for (const r of result.rows) {
    const histogram = GROUPING[Number(r.g)];
    const bucket = histogram === 'score' ? r.s : histogram === 'length' ? r.l : histogram === 'digit_share' ? r.d : histogram === 'caps_share' ? r.c : r.u;
    // A null bucket is the rows without stored text: they have no text features.
    if (histogram === undefined || bucket === null) continue;
    cells.push({ windowStart: new Date(r.w), histogram, bucket: Number(bucket), count: Number(r.n) });
  }
  return cells;
}

/** Rows carrying each tag, per window (tags are a jsonb array of names). */
export async function tagCells(db: Kysely<Schema>, range: MonitoringRange): Promise<{ windowStart: Date; tag: string; count: number }[]> {
  const result = await sql<{ w: Date; tag: string; n: number }>`
    select ${windowExpr(range, 'p.created_at')} as w, t.tag, count(*)::int as n
    from predictions p cross join lateral jsonb_array_elements_text(p.tags) as t(tag)
    where ${rangeFilter(range, 'p')}
    group by 1, 2`.execute(db);
  return result.rows.map((r) => ({ windowStart: new Date(r.w), tag: r.tag, count: Number(r.n) }));
}

/** Up to `limit` stored texts of one window, newest first (the OOV sample; uses the created_at index). */
export async function sampleTexts(db: Kysely<Schema>, range: MonitoringRange, start: Date, end: Date, limit: number): Promise<string[]> {
  const from = start > range.from ? start : range.from;
  const to = end < range.to ? end : range.to;
  const result = await sql<{ text: string }>`
    select text from predictions
    where ${rangeFilter({ ...range, from, to })} and text is not null
    order by created_at desc limit ${limit}`.execute(db);
  return result.rows.map((r) => r.text);
}
