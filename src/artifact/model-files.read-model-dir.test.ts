import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelDir, writeModelDir, VOCABULARY_FILE, WEIGHTS_FILE } from './model-files.js';
import { FORMAT_VERSION } from './manifest.js';
import { fakeManifest } from '../../test/support/fake-manifest.js';

async function writeFake(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'warden-artifact-'));
  await writeModelDir(dir, fakeManifest(), { 'threat.weights': Float64Array.of(0.5, -1.25, 3), idx: Int32Array.of(7, 8), f: Float32Array.of(1.5) }, ['a', 'b', 'c'], { 'policy.json': '{"x":1}' });
  return dir;
}

test('writeModelDir → readModelDir round-trips arrays (dtype and values), vocabulary and extra files', async () => {
  const dir = await writeFake();
  const { manifest, arrays, vocabulary, extras } = await readModelDir(dir);
  assert.equal(manifest.formatVersion, FORMAT_VERSION);
  assert.match(manifest.id, /^[0-9a-f]{16}$/);
  assert.ok(arrays['threat.weights'] instanceof Float64Array);
  assert.deepEqual(Array.from(arrays['threat.weights']), [0.5, -1.25, 3]);
  assert.ok(arrays.idx instanceof Int32Array);
  assert.deepEqual(Array.from(arrays.idx), [7, 8]);
  assert.deepEqual(Array.from(arrays.f), [1.5]);
  assert.deepEqual(vocabulary, ['a', 'b', 'c']);
  assert.deepEqual(extras, { 'policy.json': '{"x":1}' });
});

test('a flipped byte in the weights is refused as MODEL_CORRUPT naming the file', async () => {
  const dir = await writeFake();
  const weights = await readFile(join(dir, WEIGHTS_FILE));
  weights[3] ^= 0xff;
  await writeFile(join(dir, WEIGHTS_FILE), weights);
  await assert.rejects(readModelDir(dir), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'MODEL_CORRUPT');
    assert.match(err.message, /weights\.bin failed its integrity check/);
    return true;
  });
});

test('a tampered extra file (the policy) is refused too', async () => {
  const dir = await writeFake();
  await writeFile(join(dir, 'policy.json'), '{"x":2}');
  await assert.rejects(readModelDir(dir), { code: 'MODEL_CORRUPT' });
});

test('an unknown format version is refused with MODEL_FORMAT_UNSUPPORTED', async () => {
  const dir = await writeFake();
  const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  m.formatVersion = 99;
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
  await assert.rejects(readModelDir(dir), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'MODEL_FORMAT_UNSUPPORTED');
    assert.match(err.message, /format version 99/);
    return true;
  });
});

test('a directory without a manifest is MODEL_NOT_FOUND; a manifest that is not JSON is MODEL_CORRUPT', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'warden-artifact-'));
  await assert.rejects(readModelDir(empty), { code: 'MODEL_NOT_FOUND' });
  await writeFile(join(empty, 'manifest.json'), '{not json');
  await assert.rejects(readModelDir(empty), { code: 'MODEL_CORRUPT' });
});

test('the vocabulary is decoded on first read: a signed but malformed one fails then, as MODEL_CORRUPT', async () => {
  const dir = await writeFake();
  for (const [text, message] of [['{not json', /vocabulary cannot be decoded/], ['["a", 2]', /vocabulary is not a list of strings/]] as const) {
    await writeFile(join(dir, VOCABULARY_FILE), text);
    const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    m.files[VOCABULARY_FILE] = { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
    const contents = await readModelDir(dir);
    assert.deepEqual(Array.from(contents.arrays.idx), [7, 8]);
    assert.throws(() => contents.vocabulary, (err: Error & { code?: string }) => {
      assert.equal(err.code, 'MODEL_CORRUPT');
      assert.match(err.message, message);
      return true;
    });
  }
});
