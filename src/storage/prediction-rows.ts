import { sql, type RawBuilder } from 'kysely';
import { PREDICTION_COLUMNS_OF_R } from './prediction-wire.js';
import { timeOfId } from './time-ordered-id.js';

const SEGMENT_ROWS = sql.raw(`select ${PREDICTION_COLUMNS_OF_R} from prediction_segments s cross join lateral jsonb_array_elements(s.rows::jsonb) r`);

/**
 * The stored predictions created in [from, to) (null: unbounded) as a derived table with the
 * `predictions` columns: `from ${predictionsBetween(a, b)} as p`. Only the segments whose time
 * span meets the range are read and expanded (the span's GiST index finds them), so a query
 * over the last hour costs the last hour's rows, not the history's. Every query that reads
 * predictions in bulk goes through here; the `predictions` view expands every segment and is
 * kept for operators' ad-hoc SQL.
 */
export function predictionsBetween(from: Date | null, to: Date | null): RawBuilder<unknown> {
  const lo = sql`${from}::timestamptz`;
  const hi = sql`${to}::timestamptz`;
  return sql`(select * from (${SEGMENT_ROWS} where tstzrange(s.from_at, s.to_at, '[]') && tstzrange(${lo}, ${hi}, '[)')) x
    where (${lo} is null or x.created_at >= ${lo}) and (${hi} is null or x.created_at < ${hi}))`;
}

/**
 * The prediction with this id (a time-ordered id: its segment's span holds the id's instant)
 * as a derived table of zero or one row.
 */
export function predictionWithId(id: string): RawBuilder<unknown> {
  const at = sql`${new Date(timeOfId(id))}::timestamptz`;
  return sql`(select * from (${SEGMENT_ROWS} where tstzrange(s.from_at, s.to_at, '[]') @> ${at}) x where x.id = ${id})`;
}
