import { sql, type Kysely } from 'kysely';

/**
 * Predictions stored in segments: one row per written batch, its predictions a JSON array of
 * positional rows (see prediction-wire.ts), and `predictions` becomes a view over them.
 *
 * Why: a logged prediction cost the embedded database 37.7 CPU µs as a row with five indexes
 * (15.8 with none: every tuple, its write-ahead record and COPY's per-field parsing), which
 * took a third or more of a 2-core machine's throughput. A segment is one tuple and one value
 * per batch (8–10 µs per prediction on the same machine, bound by bytes), so logging
 * every prediction no longer competes with scoring. Reads pay instead: a query expands the
 * segments whose time span meets its range (the GiST index on the span finds them), which the
 * history, monitoring and rollout queries all have; a history page with a filter few rows pass
 * scans back as far as it must (no per-prediction index on label, score or version).
 *
 * The payload is stored uncompressed out of line (`storage external`): pglz compression costs
 * ~30% more CPU per written row; uncompressed it takes ~340 bytes per prediction on disk, less
 * than the old row with its indexes.
 *
 * Existing rows move into segments of 1,000 in (created_at, id) order. On a large PostgreSQL
 * history this rewrites the table once (docs/configuration.md, "Upgrading").
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table prediction_segments (
      id       text primary key,
      from_at  timestamptz not null,
      to_at    timestamptz not null,
      n        integer not null check (n > 0),
      rows     text not null
    )`.execute(db);
  await sql`alter table prediction_segments alter column rows set storage external`.execute(db);
  await sql`create index prediction_segments_span on prediction_segments using gist (tstzrange(from_at, to_at, '[]'))`.execute(db);
  // History pages find the newest segments below a bound by their end.
  await sql`create index prediction_segments_to_at on prediction_segments (to_at)`.execute(db);
  await sql`
    insert into prediction_segments (id, from_at, to_at, n, rows)
    select (array_agg(id order by created_at, id))[1], min(least(created_at, id_at)), max(greatest(created_at, id_at)), count(*)::int,
      '[' || string_agg(json_build_array(id, (extract(epoch from created_at) * 1000)::float8, text,
        case when text is null or encode(sha256(convert_to(text, 'UTF8')), 'hex') <> text_sha256 then text_sha256 end, text_length, risk_score,
        label, is_threat, threshold, model_version, tags, latency_us, source, client, shadow_version, shadow_score)::text, ',' order by created_at, id) || ']'
    from (
      select p.*, (row_number() over (order by created_at, id) - 1) / 1000 as g,
        case when id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-7' then to_timestamp(('x' || substr(id, 1, 8) || substr(id, 10, 4))::bit(48)::bigint / 1000.0) else created_at end as id_at
      from predictions p
    ) x
    group by g`.execute(db);
  await sql`alter table feedback drop constraint if exists feedback_prediction_id_fkey`.execute(db);
  await sql`drop table predictions`.execute(db);
  await sql`
    create view predictions as
    select r->>0 as id, to_timestamp((r->>1)::double precision / 1000) as created_at, r->>2 as text,
      coalesce(r->>3, encode(sha256(convert_to(r->>2, 'UTF8')), 'hex')) as text_sha256,
      (r->>4)::integer as text_length, (r->>5)::double precision as risk_score, r->>6 as label, (r->>7)::boolean as is_threat,
      (r->>8)::double precision as threshold, r->>9 as model_version, r->10 as tags, (r->>11)::integer as latency_us, r->>12 as source,
      r->>13 as client, r->>14 as shadow_version, (r->>15)::double precision as shadow_score
    from prediction_segments s cross join lateral jsonb_array_elements(s.rows::jsonb) r`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create table predictions_rows as select * from predictions`.execute(db);
  await sql`drop view predictions`.execute(db);
  await sql`drop table prediction_segments`.execute(db);
  await sql`alter table predictions_rows rename to predictions`.execute(db);
  for (const column of ['id', 'created_at', 'text_sha256', 'text_length', 'risk_score', 'label', 'is_threat', 'threshold', 'model_version', 'tags', 'latency_us', 'source']) {
    await sql`alter table predictions alter column ${sql.ref(column)} set not null`.execute(db);
  }
  await sql`alter table predictions alter column tags set default '[]'::jsonb`.execute(db);
  await sql`alter table predictions add primary key (id)`.execute(db);
  await sql`create index predictions_created_at_id on predictions (created_at desc, id desc)`.execute(db);
  await sql`create index predictions_model_version on predictions (model_version)`.execute(db);
  await sql`create index predictions_text_sha256_hash on predictions using hash (text_sha256)`.execute(db);
  await sql`create index predictions_threat_label on predictions (label) where label <> 'benign'`.execute(db);
  await sql`update feedback set prediction_id = null where prediction_id is not null and prediction_id not in (select id from predictions)`.execute(db);
  await sql`alter table feedback add constraint feedback_prediction_id_fkey foreign key (prediction_id) references predictions (id) on delete set null`.execute(db);
}
