import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelDir, writeModelDir } from '../artifact/model-files.js';
import type { AnyTypedArray } from '../artifact/typed-arrays.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';
import { loadDetector } from './load-detector.js';

// A model whose weights pass the integrity check (written with fresh checksums) but are not
// finite float32 numbers cannot be scored (scoring sums float32 weights) nor explained (features
// are ranked by them): loading refuses it as MODEL_CORRUPT, naming the column.
for (const [what, bad] of [['NaN', Number.NaN], ['Infinity', Infinity], ['beyond float32 (4e38)', 4e38]] as const) {
  test(`a model with a ${what} threat weight is refused at load with MODEL_CORRUPT`, async () => {
    const contents = await readModelDir(await tinyModelDir());
    const { files: _f, arrays: _a, id: _i, ...manifest } = contents.manifest;
    const arrays: Record<string, AnyTypedArray> = { ...contents.arrays };
    const weights = Float64Array.from(arrays['threat.weights'] as Float64Array);
    weights[3] = bad;
    arrays['threat.weights'] = weights;
    const dir = await mkdtemp(join(tmpdir(), 'warden-bad-weights-'));
    await writeModelDir(dir, manifest, arrays, contents.vocabulary, contents.extras);
    await assert.rejects(loadDetector(dir), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'MODEL_CORRUPT');
      assert.match(err.message, /cannot be rebuilt: .*has weight .*not a finite float32 number/);
      return true;
    });
  });
}

test('the same model with its weights untouched loads and scores', async () => {
  const contents = await readModelDir(await tinyModelDir());
  const { files: _f, arrays: _a, id: _i, ...manifest } = contents.manifest;
  const dir = await mkdtemp(join(tmpdir(), 'warden-good-weights-'));
  await writeModelDir(dir, manifest, { ...contents.arrays }, contents.vocabulary, contents.extras);
  const detector = await loadDetector(dir);
  const p = detector.score('URGENT! verify your account at http://bit.ly/x');
  assert.ok(p.riskScore >= 0 && p.riskScore <= 1);
});
