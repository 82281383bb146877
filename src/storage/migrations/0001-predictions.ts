import { sql, type Kysely } from 'kysely';

/** Every scored message. Ids are made in app code so the API can return one before the write lands. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table predictions (
      id             text primary key,
      created_at     timestamptz not null,
      text           text,
      text_sha256    text not null,
      text_length    integer not null,
      risk_score     double precision not null,
      label          text not null,
      is_threat      boolean not null,
      threshold      double precision not null,
      model_version  text not null,
      tags           jsonb not null default '[]'::jsonb,
      latency_us     integer not null,
      source         text not null,
      client         text,
      shadow_version text,
      shadow_score   double precision
    )`.execute(db);
  // Cursor pagination walks (created_at, id) newest first.
  await sql`create index predictions_created_at_id on predictions (created_at desc, id desc)`.execute(db);
  await sql`create index predictions_label on predictions (label)`.execute(db);
  await sql`create index predictions_model_version on predictions (model_version)`.execute(db);
  await sql`create index predictions_text_sha256 on predictions (text_sha256)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table predictions`.execute(db);
}
