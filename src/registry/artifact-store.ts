import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wardenError } from '../errors.js';
import { MANIFEST_FILE } from '../artifact/model-files.js';
import type { ModelManifest } from '../artifact/manifest.js';

/**
 * Where model artifacts live, addressed by content hash. The registry's metadata points at a
 * hash; the store turns it into a local directory. A local directory store now; an
 * S3-compatible store can follow behind the same contract (download into a local cache in `open`).
 */
export interface ArtifactStore {
  /** Human-readable location, for messages. */
  readonly location: string;
  /**
   * Stores a model directory with its manifest replaced by `manifest` (the registry stamps the
   * version and parent into it). Returns the content address: the sha256 of the stored
   * manifest.json, which itself pins the sha256 of every other file. Idempotent.
   */
  put(modelDir: string, manifest: ModelManifest): Promise<{ sha256: string; dir: string }>;
  /** A local directory holding the artifact; MODEL_NOT_FOUND if the store does not have it. */
  open(sha256: string): Promise<string>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** `<root>/<sha256>/` directories, written aside and renamed into place so readers never see half an artifact. */
export class LocalArtifactStore implements ArtifactStore {
  readonly location: string;

  constructor(readonly root: string) {
    this.location = root;
  }

  async put(modelDir: string, manifest: ModelManifest): Promise<{ sha256: string; dir: string }> {
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    const sha256 = createHash('sha256').update(manifestText).digest('hex');
    const dir = join(this.root, sha256);
    if (existsSync(join(dir, MANIFEST_FILE))) return { sha256, dir };
    await mkdir(this.root, { recursive: true });
    const staging = join(this.root, `.staging-${process.pid}-${randomUUID()}`);
    await mkdir(staging);
    try {
      for (const name of Object.keys(manifest.files)) {
        await cp(join(modelDir, name), join(staging, name));
      }
      await writeFile(join(staging, MANIFEST_FILE), manifestText);
      try {
        await rename(staging, dir);
      } catch (err) {
        // Another process stored the same content first: same hash, same bytes.
        if (!existsSync(join(dir, MANIFEST_FILE))) throw err;
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return { sha256, dir };
  }

  async open(sha256: string): Promise<string> {
    if (!SHA256.test(sha256)) throw wardenError('MODEL_NOT_FOUND', `'${sha256}' is not an artifact address (sha256 hex)`);
    const dir = join(this.root, sha256);
    if (!existsSync(join(dir, MANIFEST_FILE))) throw wardenError('MODEL_NOT_FOUND', `artifact ${sha256.slice(0, 12)}… is missing from ${this.root}`);
    return dir;
  }

  /** Every artifact address held (for garbage collection and checks). */
  async list(): Promise<string[]> {
    if (!existsSync(this.root)) return [];
    return (await readdir(this.root)).filter((n) => SHA256.test(n)).sort();
  }
}

