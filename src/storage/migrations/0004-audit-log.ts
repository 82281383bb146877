import { sql, type Kysely } from 'kysely';

/** Who did what to which subject: model promotions, key changes, relabels. Append-only. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_log (
      id      text primary key,
      -- Millisecond precision: JS Dates in page cursors must compare exactly.
      at      timestamptz not null default date_trunc('milliseconds', now()),
      actor   text not null,
      action  text not null,
      subject text,
      details jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index audit_log_at_id on audit_log (at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table audit_log`.execute(db);
}
