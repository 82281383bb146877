import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AliasIndex } from './alias-index.js';
import type { Alias } from './model-registry.js';

/** A stand-in database: the aliases, and a gate a commit can be held at. */
function fakeDb() {
  const state: Partial<Record<Alias, string>> = {};
  return {
    state,
    current: async () => ({ ...state }),
    commit: (alias: Alias, version: string, gate?: Promise<void>) => async () => {
      await gate;
      state[alias] = version;
      return version;
    },
  };
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

async function fresh(database: string | null = 'pglite:42') {
  const root = await mkdtemp(join(tmpdir(), 'warden-alias-'));
  return { root, index: new AliasIndex(root, async () => database) };
}

test('after a change the index answers what the database says; aliases only, and nothing while a change is under way', async () => {
  const { index } = await fresh();
  const db = fakeDb();
  assert.equal(await index.lookup('production'), null, 'nothing indexed yet');
  await index.change(db.commit('production', 'v1'), db.current);
  assert.equal(await index.lookup('production'), 'v1');
  assert.equal(await index.lookup('candidate'), null);
  assert.equal(await index.lookup('v1'), null, 'not an alias');
  assert.equal(await index.lookup('../production'), null);

  const g = gate();
  const changing = index.change(db.commit('production', 'v2', g.wait), db.current);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(await index.lookup('production'), null, 'a change is under way');
  g.open();
  assert.equal(await changing, 'v2');
  assert.equal(await index.lookup('production'), 'v2');
});

test('overlapping changes: no answer until the last one has rewritten the index, which then matches the database', async () => {
  const { index } = await fresh();
  const db = fakeDb();
  const ga = gate();
  const gb = gate();
  const a = index.change(db.commit('production', 'v3', ga.wait), db.current);
  const b = index.change(db.commit('candidate', 'v4', gb.wait), db.current);
  await new Promise((r) => setTimeout(r, 20));
  ga.open();
  await a;
  assert.equal(await index.lookup('production'), null, 'the other change is still under way');
  gb.open();
  await b;
  assert.equal(await index.lookup('production'), 'v3');
  assert.equal(await index.lookup('candidate'), 'v4');
});

test('a failed commit still leaves an index that matches the database, and the error reaches the caller', async () => {
  const { index } = await fresh();
  const db = fakeDb();
  await index.change(db.commit('production', 'v1'), db.current);
  await assert.rejects(index.change(async () => Promise.reject(new Error('disk full')), db.current), /disk full/);
  assert.equal(await index.lookup('production'), 'v1');
});

test('a dead process\'s marker or lock is cleared by the next change; another database\'s index is no answer', async () => {
  const { root, index } = await fresh();
  const db = fakeDb();
  await index.change(db.commit('production', 'v1'), db.current);
  const dir = join(root, 'aliases');
  await writeFile(join(dir, 'changing-4194305-dead'), '4194305\n'); // no such pid
  assert.equal(await index.lookup('production'), null);
  await mkdir(join(dir, 'lock'));
  await writeFile(join(dir, 'lock', 'pid'), '4194305\n');
  await index.change(db.commit('production', 'v2'), db.current);
  assert.equal(await index.lookup('production'), 'v2');
  assert.deepEqual((await readdir(dir)).sort(), ['settled.json']);

  const other = new AliasIndex(root, async () => 'pglite:7');
  assert.equal(await other.lookup('production'), null);
  const none = new AliasIndex(root, async () => null);
  assert.equal(await none.lookup('production'), null);
});

test('record writes what a sole holder of the database read, unless a change is under way', async () => {
  const { root, index } = await fresh();
  await index.record(async () => ({ production: 'v5', shadow: 'v6' }));
  assert.equal(await index.lookup('production'), 'v5');
  assert.equal(await index.lookup('shadow'), 'v6');
  // a change under way in another live process (the test runner that started this one)
  await writeFile(join(root, 'aliases', `changing-${process.ppid}-x-y`), `${process.ppid}\n`);
  await index.record(async () => ({ production: 'v7' }));
  assert.equal(await index.lookup('production'), null);
});

test('a marker or lock with this process\'s pid but from an earlier process (a restarted container\'s PID 1) is stale', async () => {
  const { root, index } = await fresh();
  const dir = join(root, 'aliases');
  await mkdir(join(dir, 'lock'), { recursive: true });
  await writeFile(join(dir, 'lock', 'pid'), `${process.pid} 00000000-earlier-incarnation\n`);
  await writeFile(join(dir, `changing-${process.pid}-00000000-earlier-incarnation-1`), `${process.pid}\n`);
  // waiting the lock out would make record reject (it gives up after 2 s): it was taken over
  await index.record(async () => ({ production: 'v8' }));
  assert.equal(await index.lookup('production'), 'v8');
  assert.deepEqual((await readdir(dir)).sort(), ['settled.json']);
});
