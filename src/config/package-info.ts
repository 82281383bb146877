import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: compiled files live in <root>/dist/src/config/. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

let cached: string | null = null;

/** "warden@<version>", recorded in every model manifest. */
export function codeVersion(): string {
  if (cached) return cached;
  try {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    cached = `warden@${pkg.version}`;
  } catch {
    cached = 'warden@unknown';
  }
  return cached;
}
