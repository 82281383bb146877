import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database.js';
import { FeedbackRepository } from './feedback-repository.js';
import { PredictionRepository } from './prediction-repository.js';
import { makePrediction } from './conformance/fixtures.js';
import { isWardenError } from '../errors.js';
import { MIGRATIONS } from './migrations/index.js';

test('pglite on disk: rows survive close and reopen, and reopening migrates nothing twice', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-pglite-'));
  try {
    const dataDir = join(dir, 'db');
    const p = makePrediction({ text: 'persist me', tags: ['a', 'b'], riskScore: 0.123456789 });
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await new PredictionRepository(first.db).insertMany([p]);
    const label = await new FeedbackRepository(first.db).add({ predictionId: p.id, label: 'spam' });
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    try {
      assert.deepEqual(await new PredictionRepository(second.db).get(p.id), p);
      assert.deepEqual((await new FeedbackRepository(second.db).forPrediction(p.id)).map((f) => f.id), [label.id]);
      const { rows } = await second.executeSql('select count(*)::int as n from kysely_migration');
      assert.equal(rows[0].n, Object.keys(MIGRATIONS).length);
    } finally {
      await second.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('pglite on disk: a data directory that is not a database is STORAGE_UNAVAILABLE', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-pglite-bad-'));
  try {
    const dataDir = join(dir, 'db');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'PG_VERSION'), 'not a version\n');
    await assert.rejects(openDatabase({ kind: 'pglite', dataDir }), (e) => isWardenError(e) && e.code === 'STORAGE_UNAVAILABLE');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
