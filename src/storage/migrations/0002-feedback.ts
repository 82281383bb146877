import { sql, type Kysely } from 'kysely';

/**
 * Analyst labels. A message is identified by its text hash; re-labelling it supersedes the
 * current row (kept, with superseded_by set), so history is never lost and at most one row
 * per message is current — the partial unique index enforces that.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table feedback (
      id            text primary key,
      prediction_id text references predictions (id) on delete set null,
      text_sha256   text not null,
      text          text,
      label         text not null,
      analyst       text,
      note          text,
      created_at    timestamptz not null default now(),
      superseded_by text references feedback (id) deferrable initially deferred,
      is_current    boolean not null default true
    )`.execute(db);
  await sql`create unique index feedback_current_message on feedback (text_sha256) where is_current`.execute(db);
  await sql`create index feedback_prediction_id on feedback (prediction_id)`.execute(db);
  await sql`create index feedback_created_at on feedback (created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table feedback`.execute(db);
}
