/**
 * The two public SMS datasets shipped in `<package root>/data/`.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The compiled module lives in <root>/dist/src/data/ (the source in <root>/src/data/): walk up to
// the nearest package.json rather than counting levels, so both layouts resolve.
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    dir = parent;
  }
}

/** Absolute paths of the bundled datasets: the UCI SMS Spam Collection and the 5,971-message smishing set. */
export const BUNDLED_DATASETS: string[] = [
  join(packageRoot(), 'data', 'sms-spam-collection', 'SMSSpamCollection.tsv'),
  join(packageRoot(), 'data', 'sms-smishing-5971', 'Dataset_5971.csv'),
];
