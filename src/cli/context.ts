import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE } from '../artifact/model-files.js';
import { loadDetector } from '../detector/load-detector.js';
import type { Detector } from '../detector/detector.js';
import { FileRegistry } from '../registry/file-registry.js';
import type { Io } from './command.js';

/** Where the embedded database and the registry live: --data-dir, WARDEN_DATA_DIR, or ./var. */
export function dataDir(io: Io, flag?: string): string {
  return resolve(flag ?? io.env.WARDEN_DATA_DIR ?? 'var');
}

export function registryAt(dir: string): FileRegistry {
  return new FileRegistry(join(dir, 'registry'));
}

/** A model directory path, or a registry version/alias (default: production). */
export async function resolveModelDir(ref: string | undefined, registry: FileRegistry): Promise<string> {
  if (ref && existsSync(join(ref, MANIFEST_FILE))) return resolve(ref);
  return (await registry.resolve(ref ?? 'production')).dir;
}

export async function openModel(ref: string | undefined, registry: FileRegistry): Promise<Detector> {
  return loadDetector(await resolveModelDir(ref, registry));
}
