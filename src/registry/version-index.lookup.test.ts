import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VersionIndex } from './version-index.js';

const A = 'a'.repeat(64);

/** A store root holding one artifact directory (a manifest is all `lookup` checks for). */
async function store(): Promise<string> {
  const root = join(await mkdtemp(join(tmpdir(), 'warden-vindex-')), 'artifacts');
  await mkdir(join(root, A), { recursive: true });
  await writeFile(join(root, A, 'manifest.json'), '{}\n');
  return root;
}

test('a recorded version resolves to its artifact directory, for the same database only', async () => {
  const root = await store();
  const index = new VersionIndex(root, 'pglite:1');
  assert.equal(await index.lookup('v3'), null, 'nothing recorded yet');
  await index.record('v3', A);
  assert.equal(await index.lookup('v3'), join(root, A));
  assert.equal(await index.lookup('v4'), null);
  assert.equal(await new VersionIndex(root, 'pglite:2').lookup('v3'), null, 'a recreated database numbers its versions afresh');
  assert.deepEqual(await readdir(join(root, 'versions')), ['v3.json'], 'no temp files left behind');
});

test('aliases, malformed references, torn entries and missing artifacts are not answers', async () => {
  const root = await store();
  const index = new VersionIndex(root, 'pglite:1');
  await index.record('production', A);
  await index.record('../../etc', A);
  await index.record('v1', 'not-a-hash');
  assert.equal(await index.lookup('production'), null);
  assert.equal(await index.lookup('../../etc'), null);
  assert.equal(await index.lookup('v1'), null);
  assert.equal(existsSync(join(root, 'versions')), false, 'nothing was written');
  await mkdir(join(root, 'versions'));
  await writeFile(join(root, 'versions', 'v2.json'), '{"version":"v2","artif');
  assert.equal(await index.lookup('v2'), null, 'torn entry');
  await writeFile(join(root, 'versions', 'v5.json'), JSON.stringify({ version: 'v6', artifact: A, database: 'pglite:1' }));
  assert.equal(await index.lookup('v5'), null, 'an entry naming another version');
  await index.record('v7', A);
  await rm(join(root, A), { recursive: true });
  assert.equal(await index.lookup('v7'), null, 'the artifact is gone');
});
