import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, PredictionRepository } from '../storage/index.js';
import { makePrediction } from '../storage/conformance/fixtures.js';
import { armStatsSince } from './guard-stats.js';

test('the guard counts live traffic only: batch uploads and job rows (always production) are left out', async () => {
  const db = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    const at = new Date('2026-05-01T12:00:00Z');
    const rows = [
      ...['api', 'api', 'triage', 'batch', 'job', 'job'].map((source) => makePrediction({ source, modelVersion: 'v1', createdAt: at, isThreat: true })),
      ...['api', 'batch'].map((source) => makePrediction({ source, modelVersion: 'v2', createdAt: at })),
    ];
    await new PredictionRepository(db.db).insertMany(rows);
    const stats = await armStatsSince(db.db, ['v1', 'v2'], new Date('2026-05-01T00:00:00Z'));
    assert.equal(stats.get('v1')?.requests, 3, 'api + api + triage');
    assert.equal(stats.get('v2')?.requests, 1);
  } finally {
    await db.close();
  }
});
