import { appendFile, cp, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { wardenError } from '../errors.js';
import { readManifest, MANIFEST_FILE } from '../artifact/model-files.js';
import { ALIASES, type Alias, type AuditEntry, type ModelRegistry, type RegistryEntry } from './model-registry.js';

const VERSION_RE = /^v(\d{1,9})$/;

/**
 * A registry in a directory: versions/<vN>/ model directories, aliases.json, and an
 * append-only audit.jsonl (who, when, from → to). Writes go through a temp file + rename.
 */
export class FileRegistry implements ModelRegistry {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private get versionsDir(): string {
    return join(this.root, 'versions');
  }

  private async versions(): Promise<string[]> {
    if (!existsSync(this.versionsDir)) return [];
    const names = await readdir(this.versionsDir);
    return names
      .filter((n) => VERSION_RE.test(n) && existsSync(join(this.versionsDir, n, MANIFEST_FILE)))
      .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  }

  async aliases(): Promise<Partial<Record<Alias, string>>> {
    try {
      return JSON.parse(await readFile(join(this.root, 'aliases.json'), 'utf8')) as Partial<Record<Alias, string>>;
    } catch {
      return {};
    }
  }

  private async writeAliases(aliases: Partial<Record<Alias, string>>): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const tmp = join(this.root, `aliases.json.${process.pid}.${randomUUID()}.tmp`);
    await writeFile(tmp, `${JSON.stringify(aliases, null, 2)}\n`);
    await rename(tmp, join(this.root, 'aliases.json'));
  }

  private async appendAudit(entry: AuditEntry): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await appendFile(join(this.root, 'audit.jsonl'), `${JSON.stringify(entry)}\n`);
  }

  async audit(): Promise<AuditEntry[]> {
    try {
      const raw = await readFile(join(this.root, 'audit.jsonl'), 'utf8');
      return raw.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as AuditEntry);
    } catch {
      return [];
    }
  }

  async list(): Promise<RegistryEntry[]> {
    const aliases = await this.aliases();
    const out: RegistryEntry[] = [];
    for (const version of await this.versions()) {
      const m = await readManifest(join(this.versionsDir, version));
      out.push({
        version,
        id: m.id,
        createdAt: m.createdAt,
        aliases: ALIASES.filter((a) => aliases[a] === version),
        learner: m.pipeline.learner.type,
        threshold: m.threshold.value,
        metrics: { cv: m.metrics.cv, test: m.metrics.test },
        dataFingerprint: m.data.fingerprint,
      });
    }
    return out;
  }

  async resolve(ref: string): Promise<{ version: string; dir: string }> {
    let version = ref;
    if ((ALIASES as readonly string[]).includes(ref)) {
      const target = (await this.aliases())[ref as Alias];
      if (!target) throw wardenError('MODEL_NOT_FOUND', `no model has the alias '${ref}' in ${this.root}`);
      version = target;
    }
    if (!VERSION_RE.test(version)) throw wardenError('MODEL_NOT_FOUND', `'${ref}' is not a model version (like v3) or alias (${ALIASES.join(', ')})`);
    const dir = join(this.versionsDir, version);
    if (!existsSync(join(dir, MANIFEST_FILE))) throw wardenError('MODEL_NOT_FOUND', `no model version ${version} in ${this.root}`);
    return { version, dir };
  }

  async register(modelDir: string, actor: string): Promise<{ version: string; dir: string; aliases: Alias[] }> {
    const manifest = await readManifest(modelDir);
    await mkdir(this.versionsDir, { recursive: true });
    const existing = await readdir(this.versionsDir);
    let n = existing.reduce((max, name) => {
      const m = VERSION_RE.exec(name);
      return m ? Math.max(max, Number(m[1])) : max;
    }, 0);
    let version = '';
    let dir = '';
    // mkdir without `recursive` fails if the directory exists: that claims the number atomically.
    for (;;) {
      n += 1;
      version = `v${n}`;
      dir = join(this.versionsDir, version);
      try {
        await mkdir(dir);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    for (const name of await readdir(modelDir)) {
      if (name === MANIFEST_FILE) continue;
      await cp(join(modelDir, name), join(dir, name), { recursive: true });
    }
    const aliases = await this.aliases();
    const parent = aliases.production ?? null;
    await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify({ ...manifest, version, parent }, null, 2)}\n`);
    await this.appendAudit({ at: new Date().toISOString(), actor, action: 'register', alias: null, from: null, to: version });
    const alias: Alias = aliases.production ? 'candidate' : 'production';
    await this.setAlias(alias, version, actor, 'alias');
    return { version, dir, aliases: [alias] };
  }

  private async setAlias(alias: Alias, version: string, actor: string, action: AuditEntry['action'], reason?: string): Promise<AuditEntry> {
    const aliases = await this.aliases();
    const entry: AuditEntry = { at: new Date().toISOString(), actor, action, alias, from: aliases[alias] ?? null, to: version };
    if (reason) entry.reason = reason;
    aliases[alias] = version;
    await this.writeAliases(aliases);
    await this.appendAudit(entry);
    return entry;
  }

  async promote(version: string, actor: string, alias: Alias = 'production'): Promise<AuditEntry> {
    const { version: v } = await this.resolve(version);
    const entry = await this.setAlias(alias, v, actor, 'promote');
    if (alias === 'production') {
      const aliases = await this.aliases();
      if (aliases.candidate === v) {
        delete aliases.candidate;
        await this.writeAliases(aliases);
      }
    }
    return entry;
  }

  async rollback(actor: string, reason?: string): Promise<AuditEntry> {
    const current = (await this.aliases()).production;
    if (!current) throw wardenError('MODEL_NOT_FOUND', 'nothing to roll back: no production model');
    const log = await this.audit();
    const promotedBy = [...log].reverse().find((e) => e.alias === 'production' && e.to === current && e.action !== 'rollback' && e.from);
    if (!promotedBy?.from) throw wardenError('CONFLICT', `nothing to roll back to: ${current} was the first production model`);
    return this.setAlias('production', promotedBy.from, actor, 'rollback', reason);
  }
}
