/**
 * The default model the speed benches run against: trained once into a bench data directory
 * (`$WARDEN_BENCH_DATA_DIR`, default /tmp/bench-var) with `warden train`, then reused.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { FileRegistry } from '../src/registry/file-registry.js';
import { WARDEN_BIN } from './measure.js';

/** The bench data directory; the environment variable lets CI point it elsewhere. */
export function benchDataDir(): string {
  return process.env.WARDEN_BENCH_DATA_DIR ?? '/tmp/bench-var';
}

/**
 * The production model directory under `dataDir`, training the bundled model first when the
 * registry is empty (30–60 s on a 2-core machine).
 */
export async function ensureBenchModel(dataDir: string = benchDataDir()): Promise<{ version: string; dir: string }> {
  if (!existsSync(join(dataDir, 'registry', 'aliases.json'))) {
    const res = spawnSync(process.execPath, [WARDEN_BIN, 'train', '--json'], {
      env: { ...process.env, WARDEN_DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (res.status !== 0) throw new Error(`warden train failed with exit code ${res.status}`);
  }
  return new FileRegistry(join(dataDir, 'registry')).resolve('production');
}
