import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWardenError } from '../errors.js';
import { ModelRegistryRepository, openDatabase, type Database } from '../storage/index.js';
import { dropSchemas, POSTGRES_URL, postgresProblem, postgresUnreachable, schemaName } from '../../test/support/postgres.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';
import { LocalArtifactStore } from './artifact-store.js';
import { DbRegistry, feedbackFingerprint } from './db-registry.js';

const code = (c: string) => (err: unknown) => isWardenError(err) && err.code === c;
const tick = () => new Promise((r) => setTimeout(r, 15));

function registryCases(name: string, open: () => Promise<Database>): void {
  describe(`db registry: ${name}`, () => {
    test('lineage, feedback fingerprint, aliases and "what was in production at T"', async () => {
      const store = await open();
      try {
        const artifacts = new LocalArtifactStore(join(await mkdtemp(join(tmpdir(), 'warden-art-')), 'artifacts'));
        const reg = new DbRegistry(new ModelRegistryRepository(store.db), artifacts);
        const model = await tinyModelDir();
        const r1 = await reg.register(model, 'ana');
        assert.deepEqual([r1.version, r1.aliases], ['v1', ['production']]);
        const t1 = new Date();
        await tick();
        const r2 = await reg.register(model, 'retrain-job', { feedbackIds: ['f2', 'f1', 'f3'], notes: { reason: 'drift' } });
        assert.deepEqual([r2.version, r2.aliases], ['v2', ['candidate']]);
        assert.equal(r2.dir, r1.dir, 'the same content is stored once');
        assert.deepEqual(await artifacts.list(), [r1.dir.slice(-64)]);
        const stored = JSON.parse(await readFile(join(r1.dir, 'manifest.json'), 'utf8'));
        assert.equal(stored.version, null, 'artifacts carry no registry version');

        const v2 = await reg.show('candidate');
        assert.equal(v2.parent, 'v1');
        assert.equal(v2.registeredBy, 'retrain-job');
        assert.deepEqual(v2.feedback, { count: 3, sha256: feedbackFingerprint(['f1', 'f2', 'f3']), ids: ['f2', 'f1', 'f3'] });
        assert.match(v2.dataFingerprint, /^[0-9a-f]{64}$/);
        assert.ok(v2.threshold > 0 && v2.threshold < 1);
        assert.deepEqual(v2.notes, { reason: 'drift' });
        assert.deepEqual((await reg.lineage('v2')).map((v) => v.version), ['v2', 'v1']);

        await tick();
        const promoted = await reg.promote('v2', 'bob');
        assert.deepEqual([promoted.from, promoted.to, promoted.action], ['v1', 'v2', 'promote']);
        assert.deepEqual(await reg.aliases(), { production: 'v2' }, 'promoting the candidate clears the alias');
        const t2 = new Date();
        await tick();
        await reg.register(model, 'ana'); // v3, candidate
        await reg.setAlias('candidate', 'v3', 'ops', { share: 0.1, action: 'canary', reason: 'step 1' });
        const live = await reg.rollout();
        assert.deepEqual([live.production, live.candidate, live.canaryShare, live.shadow], ['v2', 'v3', 0.1, null]);
        const t3 = new Date();
        await tick();
        const rb = await reg.rollback('ops', 'bad canary');
        assert.deepEqual([rb.from, rb.to, rb.reason], ['v2', 'v1', 'bad canary']);

        // The past, answered from the append-only history.
        assert.equal((await reg.rollout(t1)).production, 'v1');
        const atT2 = await reg.rollout(t2);
        assert.deepEqual([atT2.production, atT2.candidate], ['v2', null]);
        const atT3 = await reg.rollout(t3);
        assert.deepEqual([atT3.production, atT3.candidate, atT3.canaryShare], ['v2', 'v3', 0.1]);
        const prodAtT3 = await reg.history({ alias: 'production', at: t3 });
        assert.equal(prodAtT3.length, 1);
        assert.deepEqual([prodAtT3[0].to, prodAtT3[0].share], ['v2', 0.9]);
        assert.ok(prodAtT3[0].until !== null && new Date(prodAtT3[0].until) > t3);
        assert.equal((await reg.rollout(new Date(0))).production, null, 'before anything: nothing');

        const prod = await reg.history({ alias: 'production' });
        assert.deepEqual(prod.map((e) => [e.action, e.to, e.share]), [
          ['alias', 'v1', 1],
          ['promote', 'v2', 1],
          ['canary', 'v2', 0.9],
          ['rollback', 'v1', 0.9],
        ]);
        assert.deepEqual(prod.map((e) => e.until === null), [false, false, false, true]);
        // Every change is attributed.
        assert.deepEqual([...new Set((await reg.history()).map((e) => e.actor))].sort(), ['ana', 'bob', 'ops', 'retrain-job']);
      } finally {
        await store.close();
      }
    });

    test('errors: unknown version or alias, bad reference, nothing to roll back', async () => {
      const store = await open();
      try {
        const reg = new DbRegistry(new ModelRegistryRepository(store.db), new LocalArtifactStore(await mkdtemp(join(tmpdir(), 'warden-art-'))));
        await assert.rejects(reg.resolve('production'), code('MODEL_NOT_FOUND'));
        await assert.rejects(reg.rollback('x'), code('MODEL_NOT_FOUND'));
        await reg.register(await tinyModelDir(), 'ana');
        await assert.rejects(reg.resolve('v99'), code('MODEL_NOT_FOUND'));
        await assert.rejects(reg.resolve('../../etc'), code('MODEL_NOT_FOUND'));
        await assert.rejects(reg.promote('v7', 'x'), code('MODEL_NOT_FOUND'));
        await assert.rejects(reg.setAlias('shadow', 'v5', 'x'), code('MODEL_NOT_FOUND'));
        await assert.rejects(reg.rollback('x'), code('CONFLICT'));
        assert.deepEqual(await reg.aliases(), { production: 'v1' }, 'failed changes leave the aliases alone');
        assert.equal((await reg.history()).length, 1);
      } finally {
        await store.close();
      }
    });

    test('repository: concurrent registrations get distinct consecutive versions', async () => {
      const store = await open();
      try {
        const repo = new ModelRegistryRepository(store.db);
        const base = {
          artifact: 'a'.repeat(64), modelId: 'm', parent: null, createdAt: new Date('2025-01-01T00:00:00Z'), createdBy: 'x', registeredBy: 'x',
          learner: 'logreg', params: {}, data: {}, dataFingerprint: 'd', feedbackCount: 0, feedbackSha256: null, feedbackIds: [], metrics: {}, threshold: 0.5,
          thresholdPolicy: null, notes: {},
        };
        const rows = await Promise.all(Array.from({ length: 12 }, () => repo.insertVersion(base)));
        assert.deepEqual(rows.map((r) => r.seq).sort((a, b) => a - b), Array.from({ length: 12 }, (_, i) => i + 1));
        assert.deepEqual((await repo.listVersions()).map((v) => v.version).slice(0, 3), ['v1', 'v2', 'v3']);
      } finally {
        await store.close();
      }
    });
  });
}

registryCases('pglite (in-memory)', () => openDatabase({ kind: 'pglite', dataDir: null }));

// The real PostgreSQL, each test in a fresh schema dropped afterwards.
const schemas: string[] = [];
const problem = await postgresProblem();
if (problem === null) {
  registryCases('postgres', () => {
    const schema = schemaName();
    schemas.push(schema);
    return openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema, poolSize: 4 });
  });
  after(() => dropSchemas(schemas));
} else {
  postgresUnreachable('db registry on postgres', problem);
}
