/** The registry seam: the file registry implements it now; a database-backed one can follow. */
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
  action: 'register' | 'promote' | 'rollback' | 'alias';
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
  register(modelDir: string, actor: string): Promise<{ version: string; dir: string; aliases: Alias[] }>;
  promote(version: string, actor: string, alias?: Alias): Promise<AuditEntry>;
  /** Production goes back to the version it had before its current version was promoted. */
  rollback(actor: string, reason?: string): Promise<AuditEntry>;
  aliases(): Promise<Partial<Record<Alias, string>>>;
  audit(): Promise<AuditEntry[]>;
}
