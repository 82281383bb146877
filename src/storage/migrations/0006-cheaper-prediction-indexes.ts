import { sql, type Kysely } from 'kysely';

/**
 * Two of the predictions' indexes made cheaper to keep up, each row logged paying for every
 * index (COPY into PGlite, 500-row batches, alternating runs: 25.6 µs per row with the old
 * indexes, 22.1 with the first change, 20.9 with both):
 * - the text hash is only ever matched for equality (feedback joins, the rollout guard's
 *   labels) and its values are random: a btree takes each new row at a random leaf, a hash
 *   index at a bucket;
 * - the label index covers threats only. A history filter on `spam` or `phishing` still finds
 *   its rows through it (PostgreSQL proves `label = 'spam'` implies `label <> 'benign'` when it
 *   plans with the value, as it does for the unnamed statements of node-postgres and PGlite),
 *   while the benign majority, which the newest-first time index finds at once, no longer
 *   costs an index entry each.
 *
 * The new indexes are built before the old ones go, under new names and `if not exists`: on a
 * large PostgreSQL history an operator can build them first with `create index concurrently`
 * (docs/configuration.md, "Upgrading"), and this migration then only drops the old ones.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists predictions_text_sha256_hash on predictions using hash (text_sha256)`.execute(db);
  await sql`create index if not exists predictions_threat_label on predictions (label) where label <> 'benign'`.execute(db);
  await sql`drop index if exists predictions_text_sha256`.execute(db);
  await sql`drop index if exists predictions_label`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists predictions_text_sha256 on predictions (text_sha256)`.execute(db);
  await sql`create index if not exists predictions_label on predictions (label)`.execute(db);
  await sql`drop index if exists predictions_text_sha256_hash`.execute(db);
  await sql`drop index if exists predictions_threat_label`.execute(db);
}
