/**
 * The registry seam. `FileRegistry` (a directory, for offline use) implements `ModelRegistry`;
 * `DbRegistry` (metadata in the service's database, artifacts in a content-addressed store)
 * implements the richer `DeploymentRegistry`: lineage, traffic shares and a deployment history.
 */
export type Alias = 'production' | 'candidate' | 'shadow';
export const ALIASES: readonly Alias[] = ['production', 'candidate', 'shadow'];

export interface RegistryEntry {
  version: string;
  id: string;
  createdAt: string;
  aliases: Alias[];
  learner: string;
  threshold: number;
  metrics: { cv: Record<string, unknown>; test: Record<string, unknown> | null };
  dataFingerprint: string;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: 'register' | 'promote' | 'rollback' | 'alias' | 'shadow' | 'canary' | 'abort' | 'auto-rollback' | 'clear';
  alias: Alias | null;
  from: string | null;
  to: string | null;
  reason?: string;
}

export interface ModelRegistry {
  readonly root: string;
  list(): Promise<RegistryEntry[]>;
  /** A version ('v3') or an alias ('production') → the version and its directory. */
  resolve(ref: string): Promise<{ version: string; dir: string }>;
  /** Copies a model directory in as a new version; the first becomes production, later ones candidate. */
  register(modelDir: string, actor: string, options?: RegisterOptions): Promise<{ version: string; dir: string; aliases: Alias[] }>;
  promote(version: string, actor: string, alias?: Alias): Promise<AuditEntry>;
  /** Production goes back to the version it had before its current version was promoted. */
  rollback(actor: string, reason?: string): Promise<AuditEntry>;
  aliases(): Promise<Partial<Record<Alias, string>>>;
  audit(): Promise<AuditEntry[]>;
}

/** Lineage facts the manifest cannot know: set by whoever registers (e.g. the retraining job). */
export interface RegisterOptions {
  /** Parent version; default: the current production version. */
  parent?: string | null;
  /** The analyst feedback rows the model was trained on (ids), fingerprinted in the registry. */
  feedbackIds?: readonly string[];
  /** Extra notes kept with the version (free-form JSON, e.g. the retraining report path). */
  notes?: Record<string, unknown>;
  /** Alias to give the new version; default: production for the first, candidate afterwards. */
  alias?: Alias | null;
}

/** One registered version with its full lineage record. */
export interface VersionRecord extends RegistryEntry {
  parent: string | null;
  /** Content address (sha256) of the artifact directory. */
  artifact: string;
  createdBy: string;
  registeredAt: string;
  registeredBy: string;
  params: Record<string, unknown>;
  thresholdPolicy: unknown;
  data: { fingerprint: string; rows: number; files: { path: string; rows: number; fingerprint: string }[] };
  feedback: { count: number; sha256: string | null; ids: string[] };
  notes: Record<string, unknown>;
}

/** One append-only row of the deployment history: an alias changed target or traffic share. */
export interface DeploymentEvent extends AuditEntry {
  id: string;
  /** Share of live traffic the alias's version answers from `at` (production: the rest of the canary). */
  share: number;
  /** When the next event for the same alias replaced this one; null while it still holds. */
  until: string | null;
}

/** Who serves what: production answers `1 - canaryShare`, the candidate `canaryShare`, shadow scores silently. */
export interface RolloutState {
  production: string | null;
  candidate: string | null;
  canaryShare: number;
  shadow: string | null;
  /** When the state was read or, for a past instant, the instant asked for. */
  at: string;
}

/** Options for an alias change. */
export interface AliasChange {
  share?: number;
  reason?: string;
  action?: AuditEntry['action'];
}

/** A registry with lineage and a deployment history: the service's registry. */
export interface DeploymentRegistry extends ModelRegistry {
  /** One version (or alias) with its lineage record. */
  show(ref: string): Promise<VersionRecord>;
  /** The version, its parent, its parent's parent… (newest first). */
  lineage(ref: string): Promise<VersionRecord[]>;
  /** Points an alias at a version (or removes it with null), with a traffic share; appended to the history. */
  setAlias(alias: Alias, version: string | null, actor: string, change?: AliasChange): Promise<DeploymentEvent>;
  /** The live rollout state, or the state at a past instant. */
  rollout(at?: Date): Promise<RolloutState>;
  /** Deployment history, oldest first; `alias` filters, `at` keeps only the events in force at that instant. */
  history(query?: { alias?: Alias; at?: Date }): Promise<DeploymentEvent[]>;
}
