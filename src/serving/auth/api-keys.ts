import { hash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ROLES, type Role } from '../../config/config.js';
import { wardenError } from '../../errors.js';

export interface ApiKeyRecord {
  id: string;
  role: Role;
  /** sha256 hex of the key: keys are never stored in clear. */
  sha256: string;
  createdAt?: string;
}

export interface Principal {
  keyId: string;
  role: Role;
}

const RANK: Record<Role, number> = { scorer: 0, analyst: 1, admin: 2 };

export function hasRole(p: Principal, needed: Role): boolean {
  return RANK[p.role] >= RANK[needed];
}

export function hashKey(key: string): string {
  // One-shot hash: it runs twice per authenticated request (rate-limit key, verification).
  return hash('sha256', key, 'hex');
}

/** Keys by hash: from a JSON file of hashed records and/or WARDEN_API_KEYS ("role:key,role:key"). */
export class ApiKeyStore {
  private readonly byHash = new Map<string, Principal>();

  static load(keysFile: string | null, envKeys: string | null): ApiKeyStore {
    const store = new ApiKeyStore();
    if (keysFile) for (const r of readKeysFile(keysFile)) store.add(r);
    if (envKeys) {
      envKeys.split(',').map((s) => s.trim()).filter(Boolean).forEach((entry, i) => {
        const colon = entry.indexOf(':');
        const role = entry.slice(0, colon) as Role;
        const key = entry.slice(colon + 1);
        if (colon < 0 || !ROLES.includes(role) || key.length < 8) {
          throw wardenError('CONFIG_INVALID', `WARDEN_API_KEYS entry ${i + 1} must be role:key with role in ${ROLES.join('/')} and a key of 8+ characters`);
        }
        store.add({ id: `env-${i + 1}`, role, sha256: hashKey(key) });
      });
    }
    return store;
  }

  add(r: ApiKeyRecord): void {
    this.byHash.set(r.sha256, { keyId: r.id, role: r.role });
  }

  get size(): number {
    return this.byHash.size;
  }

  verify(key: string): Principal | null {
    return this.byHash.get(hashKey(key)) ?? null;
  }
}

export function readKeysFile(path: string): ApiKeyRecord[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw wardenError('CONFIG_INVALID', `cannot read API keys file ${path}`, { cause });
  }
  if (!Array.isArray(raw)) throw wardenError('CONFIG_INVALID', `${path} must hold a JSON array of {id, role, sha256}`);
  return raw.map((r: ApiKeyRecord, i) => {
    if (typeof r?.id !== 'string' || !ROLES.includes(r.role) || !/^[0-9a-f]{64}$/.test(String(r.sha256))) {
      throw wardenError('CONFIG_INVALID', `${path}: entry ${i} needs id, role (${ROLES.join('/')}) and a sha256 hex`);
    }
    return r;
  });
}

/** Creates a key, stores only its hash in the file, and returns the clear key (shown once). */
export function createKey(path: string, id: string, role: Role): string {
  const records = existsSync(path) ? readKeysFile(path) : [];
  if (records.some((r) => r.id === id)) throw wardenError('CONFLICT', `a key with id '${id}' already exists in ${path}`);
  const key = `wdn_${randomBytes(24).toString('base64url')}`;
  records.push({ id, role, sha256: hashKey(key), createdAt: new Date().toISOString() });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
  return key;
}
