import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWardenError } from '../errors.js';
import { SERVE_LOCK_FILE } from './serve-lock.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';
import { openModel, registryAt } from './context.js';
import { embeddedDatabaseId, versionIndexAt } from './version-lookup.js';

const conflict = (err: unknown) => isWardenError(err) && err.code === 'CONFLICT';

// A live process other than this one "owns" the embedded database: anything that opens it
// fails with CONFLICT, so a success proves the database was not opened.
const lock = (dir: string) => writeFile(join(dir, SERVE_LOCK_FILE), `${process.ppid}\n`);
const unlock = (dir: string) => rm(join(dir, SERVE_LOCK_FILE), { force: true });

test('--model vN, and an alias, are answered from the indexes without opening the embedded database', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-ctx-'));
  const env = {};
  const registry = registryAt(dir, env);
  const registered = await registry.register(await tinyModelDir(), 'ana');
  assert.equal(registered.version, 'v1');
  const entry = JSON.parse(await readFile(join(dir, 'artifacts', 'versions', 'v1.json'), 'utf8'));
  assert.deepEqual(entry, { version: 'v1', artifact: registered.dir.slice(-64), database: await embeddedDatabaseId(dir) });
  assert.match(String(entry.database), /^pglite:\d+$/);

  await lock(dir);
  try {
    assert.deepEqual(await registry.resolve('v1'), { version: 'v1', dir: registered.dir });
    const detector = await openModel('v1', registry);
    assert.equal(detector.version, 'v1', 'stamped with the registry version');
    assert.deepEqual(await registry.resolve('production'), { version: 'v1', dir: registered.dir });
    assert.equal((await openModel(undefined, registry)).version, 'v1', 'the default, production');
    await assert.rejects(registry.resolve('candidate'), conflict, 'an alias the index does not know asks the database');
    await assert.rejects(registry.resolve('v2'), conflict, 'an unindexed version asks the database');
  } finally {
    await unlock(dir);
  }
  await assert.rejects(registry.resolve('v2'), (err: unknown) => isWardenError(err) && err.code === 'MODEL_NOT_FOUND' && /no model version v2/.test(err.message));
});

test('an entry from another database is ignored, then rewritten from the database', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-ctx-'));
  const registry = registryAt(dir, {});
  const { dir: artifact } = await registry.register(await tinyModelDir(), 'ana');
  const file = join(dir, 'artifacts', 'versions', 'v1.json');
  await writeFile(file, JSON.stringify({ version: 'v1', artifact: artifact.slice(-64), database: 'pglite:1' }));
  await lock(dir);
  try {
    await assert.rejects(registry.resolve('v1'), conflict);
  } finally {
    await unlock(dir);
  }
  assert.equal((await registry.resolve('v1')).dir, artifact);
  assert.equal(JSON.parse(await readFile(file, 'utf8')).database, await embeddedDatabaseId(dir));
});

test('with DATABASE_URL, or before the embedded database exists, there is no version index', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-ctx-'));
  assert.equal(await versionIndexAt(dir, {}), null);
  assert.equal(await embeddedDatabaseId(dir), null);
  await registryAt(dir, {}).register(await tinyModelDir(), 'ana');
  assert.notEqual(await versionIndexAt(dir, {}), null);
  assert.equal(await versionIndexAt(dir, { DATABASE_URL: 'postgres://127.0.0.1:5432/test' }), null);
  assert.ok(existsSync(join(dir, 'artifacts', 'versions', 'v1.json')));
});

test('the alias index follows promotions and rollbacks, and a change that died midway sends readers to the database', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-ctx-'));
  const registry = registryAt(dir, {});
  const v1 = await registry.register(await tinyModelDir(), 'ana');
  const v2 = await registry.register(await tinyModelDir(), 'ana');
  assert.equal(v2.version, 'v2');
  const fromIndex = async (ref: string) => {
    await lock(dir);
    try {
      return await registry.resolve(ref);
    } finally {
      await unlock(dir);
    }
  };
  assert.deepEqual(await fromIndex('candidate'), { version: 'v2', dir: v2.dir });
  await registry.promote('v2', 'ana');
  assert.deepEqual(await fromIndex('production'), { version: 'v2', dir: v2.dir });
  await registry.rollback('ana', 'test');
  assert.deepEqual(await fromIndex('production'), { version: 'v1', dir: v1.dir });

  // a change by a process that died between its marker and its rewrite (pid 2^22 + 1: none)
  const aliases = join(dir, 'artifacts', 'aliases');
  await writeFile(join(aliases, 'changing-4194305-x'), '4194305\n');
  await assert.rejects(fromIndex('production'), conflict);
  // the database answers, and the reader, which holds it alone, clears the dead marker and re-indexes
  assert.deepEqual(await registry.resolve('production'), { version: 'v1', dir: v1.dir });
  assert.equal(existsSync(join(aliases, 'changing-4194305-x')), false);
  assert.deepEqual(await fromIndex('production'), { version: 'v1', dir: v1.dir });

  // an index written for another database is not an answer
  const settled = join(aliases, 'settled.json');
  await writeFile(settled, JSON.stringify({ database: 'pglite:1', aliases: { production: 'v2' } }));
  await assert.rejects(fromIndex('production'), conflict);
  assert.equal((await registry.resolve('production')).version, 'v1');
  assert.equal(JSON.parse(await readFile(settled, 'utf8')).database, await embeddedDatabaseId(dir));
});
