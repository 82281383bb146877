/**
 * The default model the speed benches run against: trained once into a bench data directory
 * (`$WARDEN_BENCH_DATA_DIR`, default /tmp/bench-var) with `warden train`, then reused.
 */
import { spawnSync } from 'node:child_process';
import { withRegistry } from '../src/cli/context.js';
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
  const resolveProduction = () => withRegistry(dataDir, (r) => r.resolve('production'));
  try {
    return await resolveProduction();
  } catch {
    const res = spawnSync(process.execPath, [WARDEN_BIN, 'train', '--json'], {
      env: { ...process.env, WARDEN_DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (res.status !== 0) throw new Error(`warden train failed with exit code ${res.status}`);
    return resolveProduction();
  }
}
