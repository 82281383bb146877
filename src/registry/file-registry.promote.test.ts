import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeModelDir } from '../artifact/model-files.js';
import { readManifest } from '../artifact/model-files.js';
import { fakeManifest } from '../../test/support/fake-manifest.js';
import { FileRegistry } from './file-registry.js';

async function modelDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'warden-model-'));
  await writeModelDir(dir, fakeManifest(), { 'threat.weights': Float64Array.of(1) }, ['x']);
  return dir;
}

async function registry(): Promise<FileRegistry> {
  return new FileRegistry(await mkdtemp(join(tmpdir(), 'warden-registry-')));
}

test('the first model registered becomes production, later ones candidate, with versions v1, v2', async () => {
  const reg = await registry();
  const a = await reg.register(await modelDir(), 'alice');
  const b = await reg.register(await modelDir(), 'bob');
  assert.deepEqual([a.version, a.aliases], ['v1', ['production']]);
  assert.deepEqual([b.version, b.aliases], ['v2', ['candidate']]);
  assert.deepEqual(await reg.aliases(), { production: 'v1', candidate: 'v2' });
  const m2 = await readManifest(b.dir);
  assert.equal(m2.version, 'v2');
  assert.equal(m2.parent, 'v1');
  const list = await reg.list();
  assert.deepEqual(list.map((e) => [e.version, e.aliases]), [['v1', ['production']], ['v2', ['candidate']]]);
});

test('promote moves production and clears candidate; rollback walks back one promotion at a time', async () => {
  const reg = await registry();
  for (let i = 0; i < 3; i++) await reg.register(await modelDir(), 'ci');
  await reg.promote('v2', 'alice');
  assert.equal((await reg.aliases()).production, 'v2');
  await reg.promote('v3', 'alice');
  assert.deepEqual(await reg.aliases(), { production: 'v3' });
  const r1 = await reg.rollback('bob', 'false positives');
  assert.deepEqual([r1.from, r1.to, r1.action, r1.reason], ['v3', 'v2', 'rollback', 'false positives']);
  const r2 = await reg.rollback('bob');
  assert.deepEqual([r2.from, r2.to], ['v2', 'v1']);
  await assert.rejects(reg.rollback('bob'), { code: 'CONFLICT' });
  const log = await reg.audit();
  const prod = log.filter((e) => e.alias === 'production').map((e) => `${e.actor}:${e.action}:${e.from}->${e.to}`);
  assert.deepEqual(prod, ['ci:alias:null->v1', 'alice:promote:v1->v2', 'alice:promote:v2->v3', 'bob:rollback:v3->v2', 'bob:rollback:v2->v1']);
  for (const e of log) assert.ok(!Number.isNaN(Date.parse(e.at)));
});

test('resolve takes versions and aliases and refuses unknown ones with MODEL_NOT_FOUND', async () => {
  const reg = await registry();
  await assert.rejects(reg.resolve('production'), { code: 'MODEL_NOT_FOUND' });
  const a = await reg.register(await modelDir(), 'ci');
  assert.equal((await reg.resolve('production')).dir, a.dir);
  assert.equal((await reg.resolve('v1')).version, 'v1');
  await assert.rejects(reg.resolve('v9'), { code: 'MODEL_NOT_FOUND' });
  await assert.rejects(reg.resolve('../../etc'), { code: 'MODEL_NOT_FOUND' });
  await assert.rejects(reg.promote('v7', 'x'), { code: 'MODEL_NOT_FOUND' });
});

test('concurrent registrations get distinct versions', async () => {
  const reg = await registry();
  const dirs = await Promise.all([1, 2, 3, 4].map(() => modelDir()));
  const out = await Promise.all(dirs.map((d) => reg.register(d, 'ci')));
  assert.deepEqual(out.map((o) => o.version).sort(), ['v1', 'v2', 'v3', 'v4']);
});
