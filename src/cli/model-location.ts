import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE } from '../artifact/model-files.js';
import type { Detector } from '../detector/detector.js';
import { loadDetector } from '../detector/load-detector.js';
import type { ModelRegistry } from '../registry/model-registry.js';
import { loadRegistered } from '../serving/model-holder.js';

/** Where a model's files are, and the registry version it goes by (null for a bare directory). */
export interface ModelLocation {
  dir: string;
  version: string | null;
}

/** A model directory as given, or a registry version / alias (default: production) resolved. */
export async function locateModel(ref: string | undefined, registry: ModelRegistry): Promise<ModelLocation> {
  if (ref && existsSync(join(ref, MANIFEST_FILE))) return { dir: resolve(ref), version: null };
  return registry.resolve(ref ?? 'production');
}

/** Loads the model at a location; a registered one reports its registry version. */
export function loadModelAt(at: ModelLocation): Promise<Detector> {
  return at.version === null ? loadDetector(at.dir) : loadRegistered(at.dir, at.version);
}
