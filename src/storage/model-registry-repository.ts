import { sql, type ColumnType, type Generated, type Kysely, type Selectable, type Transaction } from 'kysely';
import { wardenError } from '../errors.js';
import type { Schema } from './schema.js';
import { timeOrderedId } from './time-ordered-id.js';

type Jsonb<T> = ColumnType<T, string, string>;

/** The registry tables (migration 0005), added to the base schema with Kysely's `withTables`. */
export type ModelRegistryTables = {
  model_versions: {
    version: string;
    seq: number;
    artifact: string;
    model_id: string;
    parent: string | null;
    created_at: Date;
    created_by: string;
    registered_at: ColumnType<Date, Date | undefined, never>;
    registered_by: string;
    learner: string;
    params: Jsonb<Record<string, unknown>>;
    data: Jsonb<Record<string, unknown>>;
    data_fingerprint: string;
    feedback_count: number;
    feedback_sha256: string | null;
    feedback_ids: Jsonb<string[]>;
    metrics: Jsonb<Record<string, unknown>>;
    threshold: number;
    threshold_policy: Jsonb<unknown> | null;
    notes: Jsonb<Record<string, unknown>>;
  };
  model_deployments: {
    id: string;
    seq: Generated<string>;
    at: Date;
    alias: string;
    version: string | null;
    previous: string | null;
    share: number;
    actor: string;
    action: string;
    reason: string | null;
    details: Jsonb<Record<string, unknown>>;
  };
  model_aliases: { alias: string; version: string; share: number; event_id: string; updated_at: Date };
};

/** A version's stored record (camelCase). */
export interface ModelVersionRow {
  version: string;
  seq: number;
  artifact: string;
  modelId: string;
  parent: string | null;
  createdAt: Date;
  createdBy: string;
  registeredAt: Date;
  registeredBy: string;
  learner: string;
  params: Record<string, unknown>;
  data: Record<string, unknown>;
  dataFingerprint: string;
  feedbackCount: number;
  feedbackSha256: string | null;
  feedbackIds: string[];
  metrics: Record<string, unknown>;
  threshold: number;
  thresholdPolicy: unknown;
  notes: Record<string, unknown>;
}

/** What to store for a new version; the repository assigns `version` (vN) and `seq`. */
export type NewModelVersion = Omit<ModelVersionRow, 'version' | 'seq' | 'registeredAt'>;

/** One row of the append-only deployment history. `version` null: the alias was removed. */
export interface DeploymentRow {
  id: string;
  seq: number;
  at: Date;
  alias: string;
  version: string | null;
  previous: string | null;
  share: number;
  actor: string;
  action: string;
  reason: string | null;
  details: Record<string, unknown>;
  /** When the next event of the same alias took over; null while in force. */
  until: Date | null;
}

/** One alias change inside {@link ModelRegistryRepository.changeAliases}. */
export interface AliasChangeRow {
  alias: string;
  version: string | null;
  share: number;
}

/** Who made a change and why; shared by every alias changed together. */
export interface ChangeContext {
  actor: string;
  action: string;
  reason?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

export interface AliasRow {
  alias: string;
  version: string;
  share: number;
  updatedAt: Date;
}

// One lock for every registry write: version numbers and alias changes are serialised, on
// PostgreSQL across processes too (PGlite has one connection anyway).
const LOCK_KEY = 0x5741_5244; // 'WARD'

/**
 * SQL for the model registry: versions with lineage, the current aliases and the append-only
 * deployment history. An alias only changes together with its history row, in one transaction.
 */
export class ModelRegistryRepository {
  readonly #db: Kysely<Schema & ModelRegistryTables>;

  constructor(db: Kysely<Schema>) {
    this.#db = db.withTables<ModelRegistryTables>();
  }

  /** Stores a new version as v(N+1) and returns it. */
  async insertVersion(v: NewModelVersion): Promise<ModelVersionRow> {
    return this.#db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const { max } = await trx.selectFrom('model_versions').select((eb) => eb.fn.max<number | null>('seq').as('max')).executeTakeFirstOrThrow();
      const seq = (max ?? 0) + 1;
      if (v.parent !== null) await requireVersion(trx, v.parent);
      const row = await trx
        .insertInto('model_versions')
        .values({
          version: `v${seq}`,
          seq,
          artifact: v.artifact,
          model_id: v.modelId,
          parent: v.parent,
          created_at: v.createdAt,
          created_by: v.createdBy,
          registered_by: v.registeredBy,
          learner: v.learner,
          params: JSON.stringify(v.params),
          data: JSON.stringify(v.data),
          data_fingerprint: v.dataFingerprint,
          feedback_count: v.feedbackCount,
          feedback_sha256: v.feedbackSha256,
          feedback_ids: JSON.stringify(v.feedbackIds),
          metrics: JSON.stringify(v.metrics),
          threshold: v.threshold,
          threshold_policy: v.thresholdPolicy === undefined ? null : JSON.stringify(v.thresholdPolicy),
          notes: JSON.stringify(v.notes),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return fromVersionRow(row);
    });
  }

  /** One version, or null. */
  async getVersion(version: string): Promise<ModelVersionRow | null> {
    const row = await this.#db.selectFrom('model_versions').selectAll().where('version', '=', version).executeTakeFirst();
    return row ? fromVersionRow(row) : null;
  }

  /** Every version, oldest first. */
  async listVersions(): Promise<ModelVersionRow[]> {
    const rows = await this.#db.selectFrom('model_versions').selectAll().orderBy('seq').execute();
    return rows.map(fromVersionRow);
  }

  /** The current aliases. */
  async aliases(): Promise<AliasRow[]> {
    const rows = await this.#db.selectFrom('model_aliases').selectAll().orderBy('alias').execute();
    return rows.map((r) => ({ alias: r.alias, version: r.version, share: r.share, updatedAt: r.updated_at }));
  }

  /**
   * Changes several aliases at once (e.g. a canary step moves the candidate's and production's
   * shares together): one history row per alias, all with the same time, in one transaction.
   * Unknown versions are MODEL_NOT_FOUND. Returns the history rows written.
   */
  async changeAliases(changes: readonly AliasChangeRow[], ctx: ChangeContext): Promise<DeploymentRow[]> {
    const at = ctx.at ?? new Date();
    return this.#db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const out: DeploymentRow[] = [];
      for (const c of changes) {
        if (c.version !== null) await requireVersion(trx, c.version);
        const current = await trx.selectFrom('model_aliases').select('version').where('alias', '=', c.alias).executeTakeFirst();
        const id = timeOrderedId(at.getTime());
        const row = await trx
          .insertInto('model_deployments')
          .values({
            id,
            at,
            alias: c.alias,
            version: c.version,
            previous: current?.version ?? null,
            share: c.share,
            actor: ctx.actor,
            action: ctx.action,
            reason: ctx.reason ?? null,
            details: JSON.stringify(ctx.details ?? {}),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (c.version === null) await trx.deleteFrom('model_aliases').where('alias', '=', c.alias).execute();
        else {
          await trx
            .insertInto('model_aliases')
            .values({ alias: c.alias, version: c.version, share: c.share, event_id: id, updated_at: at })
            .onConflict((oc) => oc.column('alias').doUpdateSet({ version: c.version!, share: c.share, event_id: id, updated_at: at }))
            .execute();
        }
        out.push(fromDeploymentRow({ ...row, until: null }));
      }
      return out;
    });
  }

  /**
   * The deployment history, oldest first, each event with the time the next event of its alias
   * replaced it. With `at`, only the events in force at that instant (one per alias at most).
   */
  async history(query: { alias?: string; at?: Date } = {}): Promise<DeploymentRow[]> {
    const alias = query.alias ?? null;
    const at = query.at ?? null;
    const { rows } = await sql<Selectable<ModelRegistryTables['model_deployments']> & { until: Date | null }>`
      select * from (
        select d.*, lead(d.at) over (partition by d.alias order by d.seq) as until
        from model_deployments d
        where (${alias}::text is null or d.alias = ${alias}::text)
      ) h
      where ${at}::timestamptz is null
         or (h.at <= ${at}::timestamptz and (h.until is null or h.until > ${at}::timestamptz) and h.version is not null)
      order by h.seq`.execute(this.#db);
    return rows.map(fromDeploymentRow);
  }
}

async function requireVersion(trx: Transaction<Schema & ModelRegistryTables>, version: string): Promise<void> {
  const found = await trx.selectFrom('model_versions').select('version').where('version', '=', version).executeTakeFirst();
  if (!found) throw wardenError('MODEL_NOT_FOUND', `no model version ${version} in the registry`);
}

function fromVersionRow(r: Selectable<ModelRegistryTables['model_versions']>): ModelVersionRow {
  return {
    version: r.version,
    seq: Number(r.seq),
    artifact: r.artifact,
    modelId: r.model_id,
    parent: r.parent,
    createdAt: r.created_at,
    createdBy: r.created_by,
    registeredAt: r.registered_at,
    registeredBy: r.registered_by,
    learner: r.learner,
    params: r.params,
    data: r.data,
    dataFingerprint: r.data_fingerprint,
    feedbackCount: r.feedback_count,
    feedbackSha256: r.feedback_sha256,
    feedbackIds: r.feedback_ids,
    metrics: r.metrics,
    threshold: r.threshold,
    thresholdPolicy: r.threshold_policy,
    notes: r.notes,
  };
}

function fromDeploymentRow(r: Selectable<ModelRegistryTables['model_deployments']> & { until: Date | null }): DeploymentRow {
  return {
    id: r.id,
    seq: Number(r.seq),
    at: r.at,
    alias: r.alias,
    version: r.version,
    previous: r.previous,
    share: r.share,
    actor: r.actor,
    action: r.action,
    reason: r.reason,
    details: r.details,
    until: r.until === null ? null : new Date(r.until),
  };
}
