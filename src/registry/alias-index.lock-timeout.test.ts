import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AliasIndex } from './alias-index.js';
import type { Alias } from './model-registry.js';

test('a change whose post-commit lock times out keeps its marker, so a slower rewrite of older aliases is not trusted', { timeout: 30_000 }, async () => {
  const root = await mkdtemp(join(tmpdir(), 'warden-alias-rv-'));
  const a = new AliasIndex(root, async () => 'pglite:42');
  const b = new AliasIndex(root, async () => 'pglite:42'); // another process, same directory
  const state: Partial<Record<Alias, string>> = { production: 'v1' };
  await a.record(async () => ({ ...state }));
  let openB: () => void = () => {};
  const slow = new Promise<void>((r) => (openB = r));
  // B: a change whose read-back of the aliases is slow (a busy database) while it holds the lock
  const changeB = b.change(async () => 'shadow', async () => {
    const snapshot = { ...state };
    await slow;
    return snapshot;
  });
  await new Promise((r) => setTimeout(r, 50));
  // A: promotes v2; both its lock waits time out while B holds the lock
  await a.change(async () => {
    state.production = 'v2';
  }, async () => ({ ...state }));
  openB();
  await changeB;
  assert.equal(await a.lookup('production'), null, 'no answer while A\'s change is not rewritten');
  // the next change by A (lock free now) clears its abandoned marker and rewrites from the database
  await a.change(async () => undefined, async () => ({ ...state }));
  assert.equal(await a.lookup('production'), 'v2');
});
