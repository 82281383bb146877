import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Socket } from 'node:net';
import pg from 'pg';
import { openDatabase } from './database.js';
import { dropSchemas, POSTGRES_URL, postgresProblem, postgresUnreachable, schemaName } from '../../test/support/postgres.js';

// A connection cut while a query runs: the query fails, the process lives, the next query reconnects.
const schema = schemaName();
const problem = await postgresProblem();
if (problem === null) {
  after(() => dropSchemas([schema]));
  test('postgres: a connection terminated mid-query fails that query only; the process survives and the next query reconnects', async () => {
    const store = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema, poolSize: 2 });
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      const marker = `warden_cut_${schema}`;
      const sleeping = store.executeSql(`select pg_sleep(10) as ${marker}`).then(
        () => 'answered',
        (err: { code?: string }) => `failed ${err.code}`,
      );
      let killed = 0;
      for (let i = 0; i < 100 && killed === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        const { rows } = await admin.query(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where query like $1 and pid <> pg_backend_pid()`, [`%${marker}%`]);
        killed = rows[0].n;
      }
      assert.equal(killed, 1);
      assert.equal(await sleeping, 'failed 57P01');
      // The pool may hand out the dead connection once more (that query fails too); then it reconnects.
      let answer: unknown = null;
      for (let attempt = 0; attempt < 3 && answer === null; attempt++) {
        answer = await store.executeSql('select 41 + 1 as n').then((r) => r.rows, () => null);
      }
      assert.deepEqual(answer, [{ n: 42 }]);
      assert.equal(await store.ping(), true);
    } finally {
      await admin.end();
      await store.close();
    }
  });

  test('postgres: a connection cut at the network mid-query (no goodbye from the server) fails that query; the process survives', async () => {
    // A TCP relay in front of PostgreSQL whose sockets the test destroys.
    const url = new URL(POSTGRES_URL);
    const open = new Set<Socket>();
    const relay = createServer((inbound) => {
      const outbound = connect(Number(url.port || 5432), url.hostname);
      open.add(inbound).add(outbound);
      inbound.pipe(outbound).pipe(inbound);
      const drop = () => {
        inbound.destroy();
        outbound.destroy();
      };
      inbound.on('error', drop).on('close', drop);
      outbound.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.address() as { port: number }).port;
    const relayed = new URL(POSTGRES_URL);
    relayed.port = String(port);
    const store = await openDatabase({ kind: 'postgres', url: relayed.toString(), schema, poolSize: 2 });
    try {
      const sleeping = store.executeSql('select pg_sleep(10)').then(
        () => 'answered',
        () => 'failed',
      );
      await new Promise((r) => setTimeout(r, 200));
      for (const s of open) s.destroy();
      assert.equal(await sleeping, 'failed');
      let answer: unknown = null;
      for (let attempt = 0; attempt < 3 && answer === null; attempt++) {
        answer = await store.executeSql('select 41 + 1 as n').then((r) => r.rows, () => null);
      }
      assert.deepEqual(answer, [{ n: 42 }]);
    } finally {
      await store.close();
      relay.close();
    }
  });
} else {
  postgresUnreachable('postgres connection-loss test', problem);
}
