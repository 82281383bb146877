import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dbRegistryAt } from '../../registry/db-registry.js';
import { ModelRegistryRepository, openDatabase } from '../../storage/index.js';
import { tinyModelDir } from '../../../test/support/tiny-model.js';
import { call, post, startServedCluster } from '../../../test/support/served-cluster.js';
import { promValue } from '../../../test/support/prom-text.js';

test('GET /metrics on a 2-worker cluster counts the whole cluster on every scrape, the primary\'s job runner included', { timeout: 180_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'warden-cluster-metrics-'));
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    await dbRegistryAt(new ModelRegistryRepository(database.db), dataDir).register(await tinyModelDir(), 'test');
    await database.close();

    const served = await startServedCluster(dataDir, 2);
    const { port, process: server } = served;
    try {
      // concurrent requests spread over both workers
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post(port, '/v1/score', { text: `meeting moved to ${i} pm, see you there` })));
      assert.ok(answers.every((r) => r.status === 200));
      const bad = await call(port, 'POST', '/v1/score', { text: '' });
      assert.equal(bad.status, 400);
      // a job runs in the primary, which serves no HTTP itself
      const job = await post(port, '/v1/jobs', { texts: Array.from({ length: 12 }, (_, i) => `job text ${i}: your parcel is waiting`) });
      assert.equal(job.status, 202);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const state = JSON.parse((await call(port, 'GET', `/v1/jobs/${job.json.job_id}`)).text).state;
        if (state === 'done') break;
        assert.ok(Date.now() < deadline, `job still ${state}`);
        await new Promise((r) => setTimeout(r, 100));
      }

      const workersSeen = new Set<number>();
      for (let scrape = 0; scrape < 8; scrape++) {
        const r = await call(port, 'GET', '/metrics');
        assert.equal(r.status, 200);
        workersSeen.add(Number(r.headers['x-warden-worker']));
        assert.equal(promValue(r.text, 'warden_http_requests_total', { route: '/v1/score', method: 'POST', status: '200' }), 40);
        assert.equal(promValue(r.text, 'warden_http_requests_total', { route: '/v1/score', method: 'POST', status: '400' }), 1);
        assert.equal(promValue(r.text, 'warden_http_request_duration_seconds_count', { route: '/v1/score', method: 'POST', status: '200' }), 40);
        assert.equal(promValue(r.text, 'warden_job_rows_total'), 12);
        assert.equal(promValue(r.text, 'warden_cluster_workers'), 2);
        assert.equal(promValue(r.text, 'warden_cluster_workers_reporting'), 2);
        assert.equal(promValue(r.text, 'warden_storage_up'), 1);
        // the one model every process serves is one series at 1
        assert.equal(promValue(r.text, 'warden_model_info'), 1);
      }
      // the scrapes were answered by both workers, not by one that happened to see everything
      assert.equal(workersSeen.size, 2, `answered by workers ${[...workersSeen].join(', ')}`);
      server.kill('SIGTERM');
      assert.equal(await served.exited, 0, served.stderr());
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
