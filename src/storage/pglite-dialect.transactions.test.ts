import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from './pglite-dialect.js';

interface T {
  t: { id: number; v: string };
}

async function fresh(): Promise<{ db: Kysely<T>; pglite: PGlite }> {
  const pglite = await PGlite.create();
  const db = new Kysely<T>({ dialect: new PGliteDialect(pglite) });
  await sql`create table t (id int primary key, v text not null)`.execute(db);
  return { db, pglite };
}

test('pglite dialect: a query issued during a transaction waits, and never joins or sees a rolled-back write', async () => {
  const { db, pglite } = await fresh();
  try {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 1, v: 'in-tx' }).execute();
      await gate;
      throw new Error('roll it back');
    });
    // Issued while the transaction holds the connection: it must queue, not run inside BEGIN.
    const outside = db.insertInto('t').values({ id: 2, v: 'outside' }).execute();
    await new Promise((r) => setTimeout(r, 20));
    release();
    await assert.rejects(tx, /roll it back/);
    await outside;
    const rows = await db.selectFrom('t').selectAll().orderBy('id').execute();
    assert.deepEqual(rows, [{ id: 2, v: 'outside' }]);
  } finally {
    await db.destroy();
    await pglite.close();
  }
});

test('pglite dialect: commits, affected-row counts, isolation settings and streaming', async () => {
  const { db, pglite } = await fresh();
  try {
    await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        await trx.insertInto('t').values([{ id: 1, v: 'a' }, { id: 2, v: 'b' }, { id: 3, v: 'c' }]).execute();
      });
    const upd = await db.updateTable('t').set({ v: 'z' }).where('id', '>=', 2).executeTakeFirst();
    assert.equal(upd.numUpdatedRows, 2n);
    const del = await db.deleteFrom('t').where('id', '=', 99).executeTakeFirst();
    assert.equal(del.numDeletedRows, 0n);
    const chunks: string[][] = [];
    for await (const row of db.selectFrom('t').select('v').orderBy('id').stream(2)) chunks.push([row.v]);
    assert.deepEqual(chunks.flat(), ['a', 'z', 'z']);
    // Savepoints go through Kysely's Postgres compiler.
    const trx = await db.startTransaction().execute();
    const sp = await trx.savepoint('before "bad"').execute();
    await sp.insertInto('t').values({ id: 4, v: 'd' }).execute();
    const back = await sp.rollbackToSavepoint('before "bad"').execute();
    await back.insertInto('t').values({ id: 5, v: 'e' }).execute();
    await back.commit().execute();
    assert.deepEqual((await db.selectFrom('t').select('id').where('id', '>', 3).execute()).map((r) => r.id), [5]);
    assert.equal((await db.selectFrom('t').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n, 4);
  } finally {
    await db.destroy();
    await pglite.close();
  }
});

test('pglite dialect: a failing statement releases the connection for the next caller', async () => {
  const { db, pglite } = await fresh();
  try {
    await assert.rejects(sql`select * from no_such_table`.execute(db), /no_such_table/);
    await assert.rejects(db.insertInto('t').values({ id: 1, v: null as unknown as string }).execute(), /null value/);
    const r = await sql<{ one: number }>`select 1 as one`.execute(db);
    assert.deepEqual(r.rows, [{ one: 1 }]);
  } finally {
    await db.destroy();
    await pglite.close();
  }
});
