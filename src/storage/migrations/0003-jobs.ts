import { sql, type Kysely } from 'kysely';

/**
 * Durable batch jobs: the job, its input rows, and one result per row. The result's
 * primary key (job_id, row_index) is what makes reprocessing a chunk harmless.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table jobs (
      id            text primary key,
      state         text not null check (state in ('queued', 'running', 'done', 'failed')),
      created_at    timestamptz not null default now(),
      updated_at    timestamptz not null default now(),
      total_rows    integer not null default 0,
      done_rows     integer not null default 0,
      error_count   integer not null default 0,
      input_format  text not null,
      options       jsonb not null default '{}'::jsonb,
      error         text,
      model_version text
    )`.execute(db);
  await sql`create index jobs_state on jobs (state, created_at)`.execute(db);
  await sql`
    create table job_rows (
      job_id      text not null references jobs (id) on delete cascade,
      row_index   integer not null,
      text        text not null,
      passthrough jsonb,
      primary key (job_id, row_index)
    )`.execute(db);
  await sql`
    create table job_results (
      job_id    text not null,
      row_index integer not null,
      output    jsonb,
      error     text,
      primary key (job_id, row_index),
      foreign key (job_id, row_index) references job_rows (job_id, row_index) on delete cascade
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table job_results`.execute(db);
  await sql`drop table job_rows`.execute(db);
  await sql`drop table jobs`.execute(db);
}
