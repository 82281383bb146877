import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { BUNDLED_DATASETS } from '../data/index.js';
import type { ModelRegistry } from '../registry/model-registry.js';
import { saveModel } from '../training/save-model.js';
import { train } from '../training/train.js';

/** If the registry has no production model, trains the bundled one and registers it (saying so). */
export async function ensureModel(registry: ModelRegistry, ref: string, log: Logger): Promise<void> {
  try {
    await registry.resolve(ref);
    return;
  } catch {
    if (ref !== 'production') throw new Error(`model '${ref}' is not in the registry at ${registry.root}`);
  }
  log.info({ data: BUNDLED_DATASETS }, 'no model registered: training the bundled model on the bundled datasets (first start only)');
  const trained = await train({ dataPaths: BUNDLED_DATASETS });
  const dir = await mkdtemp(join(tmpdir(), 'warden-model-'));
  try {
    await saveModel(trained, dir);
    const { version } = await registry.register(dir, 'warden-serve');
    log.info({ version, seconds: Math.round(trained.seconds * 10) / 10, test: trained.test }, `trained and registered the bundled model as ${version}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
