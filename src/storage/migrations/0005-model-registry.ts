import { sql, type Kysely } from 'kysely';

/**
 * The model registry's metadata: one row per version (lineage: parent, data and feedback
 * fingerprints, parameters, metrics, threshold policy, who and when), the append-only
 * deployment history (every alias change with its traffic share, actor and reason), and the
 * current aliases, which are only ever written together with a history row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table model_versions (
      version          text primary key,
      seq              integer not null unique,
      artifact         text not null,
      model_id         text not null,
      parent           text references model_versions (version),
      created_at       timestamptz not null,
      created_by       text not null,
      registered_at    timestamptz not null default date_trunc('milliseconds', now()),
      registered_by    text not null,
      learner          text not null,
      params           jsonb not null default '{}'::jsonb,
      data             jsonb not null default '{}'::jsonb,
      data_fingerprint text not null,
      feedback_count   integer not null default 0,
      feedback_sha256  text,
      feedback_ids     jsonb not null default '[]'::jsonb,
      metrics          jsonb not null default '{}'::jsonb,
      threshold        double precision not null,
      threshold_policy jsonb,
      notes            jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`
    create table model_deployments (
      id      text primary key,
      -- Commit order: events of one change share 'at', and ids are random within a millisecond.
      seq     bigint generated always as identity unique,
      at      timestamptz not null,
      alias   text not null check (alias in ('production', 'candidate', 'shadow')),
      version text references model_versions (version),
      previous text,
      share   double precision not null check (share >= 0 and share <= 1),
      actor   text not null,
      action  text not null,
      reason  text,
      details jsonb not null default '{}'::jsonb
    )`.execute(db);
  // "What was in production at T" walks one alias's events backwards from T.
  await sql`create index model_deployments_alias_at on model_deployments (alias, at desc, seq desc)`.execute(db);
  await sql`
    create table model_aliases (
      alias      text primary key check (alias in ('production', 'candidate', 'shadow')),
      version    text not null references model_versions (version),
      share      double precision not null,
      event_id   text not null references model_deployments (id),
      updated_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table model_aliases`.execute(db);
  await sql`drop table model_deployments`.execute(db);
  await sql`drop table model_versions`.execute(db);
}
