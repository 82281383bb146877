import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dbRegistryAt } from '../../registry/db-registry.js';
import { ModelRegistryRepository, openDatabase } from '../../storage/index.js';
import { tinyModelDir } from '../../../test/support/tiny-model.js';
import { post, startServedCluster } from '../../../test/support/served-cluster.js';

test('a 2-worker cluster on the embedded database stores every answered prediction when stopped', { timeout: 180_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'warden-cluster-'));
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    await dbRegistryAt(new ModelRegistryRepository(database.db), dataDir).register(await tinyModelDir(), 'test');
    await database.close();

    // A flush interval longer than the test: the rows are still in the workers' buffers at the
    // SIGTERM, so they can only reach the database through the shutdown path.
    const served = await startServedCluster(dataDir, 2, { WARDEN_WRITER_FLUSH_MS: '60000' });
    const { port, process: server, exited } = served;
    const ids: string[] = [];
    try {
      const singles = Array.from({ length: 60 }, (_, i) => post(port, '/v1/score', { text: `message number ${i}: are we still on for lunch?` }));
      const batches = Array.from({ length: 4 }, (_, b) => post(port, '/v1/score', { texts: Array.from({ length: 25 }, (_, i) => `batch ${b} text ${i}: claim your prize at http://win.example/${i}`) }));
      for (const r of await Promise.all(singles)) {
        assert.equal(r.status, 200);
        ids.push(r.json.id);
      }
      for (const r of await Promise.all(batches)) {
        assert.equal(r.status, 200);
        ids.push(...r.json.results.map((x: { id: string }) => x.id));
      }
      assert.equal(new Set(ids).size, 160);
      server.kill('SIGTERM');
      assert.equal(await exited, 0, served.stderr());
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }

    const after = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    try {
      const { rows } = await after.executeSql('select id, source from predictions');
      assert.deepEqual(rows.map((r: { id: string }) => r.id).sort(), [...ids].sort());
      assert.ok(rows.every((r: { source: string }) => r.source === 'api'));
    } finally {
      await after.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
