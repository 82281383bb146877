import { createHash } from 'node:crypto';
import { wardenError } from '../errors.js';
import { readManifest } from '../artifact/model-files.js';
import type { ModelRegistryRepository, DeploymentRow, ModelVersionRow, AliasChangeRow } from '../storage/index.js';
import { join } from 'node:path';
import { LocalArtifactStore, type ArtifactStore } from './artifact-store.js';
import type { AliasIndex } from './alias-index.js';
import {
  ALIASES,
  type Alias,
  type AliasChange,
  type AuditEntry,
  type DeploymentEvent,
  type DeploymentRegistry,
  type RegisterOptions,
  type RolloutState,
  type VersionRecord,
} from './model-registry.js';

const VERSION_RE = /^v\d{1,9}$/;

/** The repository methods the registry uses: a local repository, or its IPC proxy in a cluster worker. */
export type RegistryStore = Pick<ModelRegistryRepository, 'insertVersion' | 'getVersion' | 'listVersions' | 'aliases' | 'changeAliases' | 'history'>;

/** sha256 over the sorted feedback ids: which analyst labels a model saw, in 64 characters. */
export function feedbackFingerprint(ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  return createHash('sha256').update([...ids].sort().join('\n')).digest('hex');
}

/**
 * The service's registry: metadata, aliases and the deployment history in the database,
 * artifacts in a content-addressed store. Artifacts hold no version number (the same model
 * registered twice is stored once); loaders stamp the registry's version on what they load.
 */
export class DbRegistry implements DeploymentRegistry {
  readonly root: string;
  readonly #repo: RegistryStore;
  readonly #store: ArtifactStore;
  /** Kept up to date on every alias change when the database is the embedded one (see alias-index.ts). */
  readonly aliasIndex: AliasIndex | null;

  constructor(repo: RegistryStore, store: ArtifactStore, aliasIndex: AliasIndex | null = null) {
    this.#repo = repo;
    this.#store = store;
    this.root = store.location;
    this.aliasIndex = aliasIndex;
  }

  async aliases(): Promise<Partial<Record<Alias, string>>> {
    const out: Partial<Record<Alias, string>> = {};
    for (const a of await this.#repo.aliases()) out[a.alias as Alias] = a.version;
    return out;
  }

  async list(): Promise<VersionRecord[]> {
    const aliases = await this.aliases();
    return (await this.#repo.listVersions()).map((v) => toRecord(v, aliases));
  }

  /** A version ('v3') or an alias → the version; MODEL_NOT_FOUND otherwise. */
  async #version(ref: string): Promise<ModelVersionRow> {
    let version = ref;
    if ((ALIASES as readonly string[]).includes(ref)) {
      const target = (await this.aliases())[ref as Alias];
      if (!target) throw wardenError('MODEL_NOT_FOUND', `no model has the alias '${ref}'`);
      version = target;
    } else if (!VERSION_RE.test(ref)) {
      throw wardenError('MODEL_NOT_FOUND', `'${ref}' is not a model version (like v3) or alias (${ALIASES.join(', ')})`);
    }
    const row = await this.#repo.getVersion(version);
    if (!row) throw wardenError('MODEL_NOT_FOUND', `no model version ${version} in the registry`);
    return row;
  }

  async resolve(ref: string): Promise<{ version: string; dir: string }> {
    const row = await this.#version(ref);
    return { version: row.version, dir: await this.#store.open(row.artifact) };
  }

  async show(ref: string): Promise<VersionRecord> {
    return toRecord(await this.#version(ref), await this.aliases());
  }

  async lineage(ref: string): Promise<VersionRecord[]> {
    const aliases = await this.aliases();
    const out: VersionRecord[] = [];
    const seen = new Set<string>();
    let row: ModelVersionRow | null = await this.#version(ref);
    while (row && !seen.has(row.version)) {
      seen.add(row.version);
      out.push(toRecord(row, aliases));
      row = row.parent ? await this.#repo.getVersion(row.parent) : null;
    }
    return out;
  }

  /**
   * Stores the artifact, records the version with its lineage, and gives it an alias
   * (default: production for the first version, candidate after that).
   */
  async register(modelDir: string, actor: string, options: RegisterOptions = {}): Promise<{ version: string; dir: string; aliases: Alias[] }> {
    const manifest = await readManifest(modelDir);
    const { sha256, dir } = await this.#store.put(modelDir, { ...manifest, version: null, parent: null });
    const current = await this.aliases();
    const feedbackIds = [...(options.feedbackIds ?? [])];
    const row = await this.#repo.insertVersion({
      artifact: sha256,
      modelId: manifest.id,
      parent: options.parent !== undefined ? options.parent : (current.production ?? null),
      createdAt: new Date(manifest.createdAt),
      createdBy: manifest.createdBy,
      registeredBy: actor,
      learner: manifest.pipeline.learner.type,
      params: { learner: manifest.pipeline.learner.params, ruleFeatures: manifest.pipeline.ruleFeatures, split: manifest.split, phishing: manifest.pipeline.phishing?.learner ?? null },
      data: { files: manifest.data.files.map((f) => ({ path: f.path, rows: f.rows, fingerprint: f.fingerprint })), rows: manifest.data.rows, labelCounts: manifest.data.labelCounts },
      dataFingerprint: manifest.data.fingerprint,
      feedbackCount: feedbackIds.length,
      feedbackSha256: feedbackFingerprint(feedbackIds),
      feedbackIds,
      metrics: { cv: manifest.metrics.cv, test: manifest.metrics.test, refit: manifest.metrics.refit },
      threshold: manifest.threshold.value,
      thresholdPolicy: { policy: manifest.threshold.policy, operatingPoint: manifest.threshold.operatingPoint },
      notes: options.notes ?? {},
    });
    const alias = options.alias !== undefined ? options.alias : current.production ? 'candidate' : 'production';
    if (alias) await this.setAlias(alias, row.version, actor, { action: 'alias' });
    return { version: row.version, dir, aliases: alias ? [alias] : [] };
  }

  /**
   * Points an alias at a version (null removes it). Shares stay consistent: production answers
   * whatever the candidate's canary share leaves, so a candidate change also writes a
   * production row with the complementary share.
   */
  async setAlias(alias: Alias, version: string | null, actor: string, change: AliasChange = {}): Promise<DeploymentEvent> {
    const live = await this.#repo.aliases();
    const cur = new Map(live.map((a) => [a.alias, a]));
    const changes: AliasChangeRow[] = [];
    if (alias === 'production') {
      const cand = cur.get('candidate');
      const candidateShare = cand && cand.version !== version ? cand.share : 0;
      changes.push({ alias, version, share: version === null ? 0 : 1 - candidateShare });
      if (cand && cand.version === version) changes.push({ alias: 'candidate', version: null, share: 0 });
    } else if (alias === 'candidate') {
      const share = version === null ? 0 : (change.share ?? 0);
      changes.push({ alias, version, share });
      const prod = cur.get('production');
      if (prod && Math.abs(prod.share - (1 - share)) > 1e-12) changes.push({ alias: 'production', version: prod.version, share: 1 - share });
    } else {
      changes.push({ alias, version, share: 0 });
    }
    const commit = () => this.#repo.changeAliases(changes, { actor, action: change.action ?? 'promote', reason: change.reason ?? null });
    const rows = this.aliasIndex ? await this.aliasIndex.change(commit, () => this.aliases()) : await commit();
    return toEvent(rows[0]);
  }

  async promote(version: string, actor: string, alias: Alias = 'production'): Promise<AuditEntry> {
    const row = await this.#version(version);
    return this.setAlias(alias, row.version, actor, { action: 'promote' });
  }

  async rollback(actor: string, reason?: string): Promise<AuditEntry> {
    const current = (await this.aliases()).production;
    if (!current) throw wardenError('MODEL_NOT_FOUND', 'nothing to roll back: no production model');
    const log = await this.#repo.history({ alias: 'production' });
    const promotedBy = [...log].reverse().find((e) => e.version === current && e.action !== 'rollback' && e.previous && e.previous !== current);
    if (!promotedBy?.previous) throw wardenError('CONFLICT', `nothing to roll back to: ${current} was the first production model`);
    return this.setAlias('production', promotedBy.previous, actor, { action: 'rollback', reason });
  }

  async audit(): Promise<AuditEntry[]> {
    return this.history();
  }

  async history(query: { alias?: Alias; at?: Date } = {}): Promise<DeploymentEvent[]> {
    return (await this.#repo.history(query)).map(toEvent);
  }

  async rollout(at?: Date): Promise<RolloutState> {
    const rows = at ? (await this.#repo.history({ at })).map((e) => ({ alias: e.alias, version: e.version!, share: e.share })) : await this.#repo.aliases();
    const by = new Map(rows.map((r) => [r.alias, r]));
    const cand = by.get('candidate');
    return {
      production: by.get('production')?.version ?? null,
      candidate: cand?.version ?? null,
      canaryShare: cand?.share ?? 0,
      shadow: by.get('shadow')?.version ?? null,
      at: (at ?? new Date()).toISOString(),
    };
  }
}

function toRecord(v: ModelVersionRow, aliases: Partial<Record<Alias, string>>): VersionRecord {
  const data = v.data as { files?: VersionRecord['data']['files']; rows?: number };
  const metrics = v.metrics as { cv?: Record<string, unknown>; test?: Record<string, unknown> | null };
  return {
    version: v.version,
    id: v.modelId,
    createdAt: v.createdAt.toISOString(),
    aliases: ALIASES.filter((a) => aliases[a] === v.version),
    learner: v.learner,
    threshold: v.threshold,
    metrics: { cv: metrics.cv ?? {}, test: metrics.test ?? null },
    dataFingerprint: v.dataFingerprint,
    parent: v.parent,
    artifact: v.artifact,
    createdBy: v.createdBy,
    registeredAt: v.registeredAt.toISOString(),
    registeredBy: v.registeredBy,
    params: v.params,
    thresholdPolicy: v.thresholdPolicy,
    data: { fingerprint: v.dataFingerprint, rows: data.rows ?? 0, files: data.files ?? [] },
    feedback: { count: v.feedbackCount, sha256: v.feedbackSha256, ids: v.feedbackIds },
    notes: v.notes,
  };
}

function toEvent(r: DeploymentRow): DeploymentEvent {
  const e: DeploymentEvent = {
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action as AuditEntry['action'],
    alias: r.alias as Alias,
    from: r.previous,
    to: r.version,
    share: r.share,
    until: r.until ? r.until.toISOString() : null,
  };
  if (r.reason) e.reason = r.reason;
  return e;
}

/**
 * The service's registry over an open database: metadata in `db`, artifacts under
 * `<dataDir>/artifacts/<sha256>/`.
 */
/**
 * The registry over `repo` with artifacts under `dataDir`. `aliasIndex` when `repo` is the
 * embedded database of `dataDir` (then one-shot commands can resolve aliases without booting
 * it); never for a shared PostgreSQL, whose aliases other data directories may move.
 */
export function dbRegistryAt(repo: RegistryStore, dataDir: string, opts: { aliasIndex?: AliasIndex | null } = {}): DbRegistry {
  return new DbRegistry(repo, new LocalArtifactStore(join(dataDir, 'artifacts')), opts.aliasIndex ?? null);
}
