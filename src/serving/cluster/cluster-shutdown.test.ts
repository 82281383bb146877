import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../config/package-info.js';
import { dbRegistryAt } from '../../registry/db-registry.js';
import { ModelRegistryRepository, openDatabase } from '../../storage/index.js';
import { tinyModelDir } from '../../../test/support/tiny-model.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function post(port: number, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function ready(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/ready', method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

test('a 2-worker cluster on the embedded database stores every answered prediction when stopped', { timeout: 180_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'warden-cluster-'));
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    await dbRegistryAt(new ModelRegistryRepository(database.db), dataDir).register(await tinyModelDir(), 'test');
    await database.close();

    const port = await freePort();
    // A flush interval longer than the test: the rows are still in the workers' buffers at the
    // SIGTERM, so they can only reach the database through the shutdown path.
    const server = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'warden.js'), 'serve', '--workers', '2', '--no-auth', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], {
      env: { ...process.env, WARDEN_LOG_LEVEL: 'warn', WARDEN_WRITER_FLUSH_MS: '60000', WARDEN_MODEL_POLL_MS: '600000' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    server.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const ids: string[] = [];
    try {
      const deadline = Date.now() + 120_000;
      while (!(await ready(port))) {
        assert.equal(server.exitCode, null, `server exited early:\n${stderr}`);
        assert.ok(Date.now() < deadline, `server not ready:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, 1500)); // let the second worker join
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
      assert.equal(await exited, 0, stderr);
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
