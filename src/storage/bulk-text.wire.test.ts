import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.js';
import { BulkText } from './bulk-text.js';
import { dropSchemas, POSTGRES_URL, postgresProblem, postgresUnreachable, schemaName } from '../../test/support/postgres.js';

// A BulkText parameter goes over PGlite's wire protocol (pglite-wire.ts) and as a binary
// parameter through node-postgres: both must store the exact text, report counts and rows as
// the usual path does, and refuse bad bytes with the database's own SQLSTATE.

const TEXT = 'Prize £1,000 — claim at https://bit.ly/x 🎉 ünïcödé';
const utf8 = (s: string) => new BulkText(Buffer.from(s, 'utf8'));

function cases(name: string, open: () => Promise<Database>) {
  test(`bulk text (${name}): stores the exact text; counts, returned rows and their types match the usual path`, async () => {
    const d = await open();
    try {
      await sql`create table bt (id int primary key, at timestamptz, ok boolean, body text, extra jsonb)`.execute(d.db);
      const at = new Date('2026-12-02T10:11:12.345Z');
      const inserted = await sql<{ id: number; at: Date; ok: boolean; body: string; extra: unknown }>`
        insert into bt (id, at, ok, body, extra) values (${1}, ${at}, ${true}, ${utf8(TEXT)}, ${'{"k":[1,2]}'}), (${2}, ${null}, ${false}, ${utf8('')}, ${null})
        returning id, at, ok, body, extra`.execute(d.db);
      assert.deepEqual(inserted.rows, [
        { id: 1, at, ok: true, body: TEXT, extra: { k: [1, 2] } },
        { id: 2, at: null, ok: false, body: '', extra: null },
      ]);
      const plain = await sql`insert into bt (id, body) values (${3}, ${utf8('three')})`.execute(d.db);
      assert.equal(plain.numAffectedRows, 1n);
      const updated = await sql`update bt set body = ${utf8('x')} where id <> ${3}`.execute(d.db);
      assert.equal(updated.numAffectedRows, 2n);
      const { rows } = await sql<{ body: string; n: number }>`select body, length(body)::int as n from bt where id = ${1} and body = ${utf8(TEXT)} or id = 3 order by id`.execute(d.db);
      assert.deepEqual(rows, [{ body: 'three', n: 5 }], 'row 1 was updated away; the filter by bulk text matches nothing else');
    } finally {
      await d.close();
    }
  });

  test(`bulk text (${name}): bad bytes and constraint violations are the database's errors; the connection stays usable and transactions hold`, async () => {
    const d = await open();
    try {
      await sql`create table bt (id int primary key, body text not null)`.execute(d.db);
      await sql`insert into bt values (${1}, ${utf8('one')})`.execute(d.db);
      const code = async (p: Promise<unknown>) => ((await p.then(() => null, (e: unknown) => e)) as { code?: string } | null)?.code;
      assert.equal(await code(sql`insert into bt values (${1}, ${utf8('again')})`.execute(d.db)), '23505');
      assert.equal(await code(sql`insert into bt values (${2}, ${new BulkText(Buffer.from([0x61, 0x00, 0x62]))})`.execute(d.db)), '22021', 'NUL');
      assert.equal(await code(sql`insert into bt values (${3}, ${new BulkText(Buffer.from([0x61, 0xff, 0x62]))})`.execute(d.db)), '22021', 'not UTF-8');
      assert.equal(await code(sql`insert into bt values (${4}, ${new BulkText(Buffer.from([0xe2, 0x82]))})`.execute(d.db)), '22021', 'a cut sequence');
      // Rolled back with its transaction, like any statement in it.
      await assert.rejects(
        d.db.transaction().execute(async (tx) => {
          await sql`insert into bt values (${5}, ${utf8('five')})`.execute(tx);
          throw new Error('abort');
        }),
        /abort/,
      );
      const { rows } = await sql<{ id: number; body: string }>`select id, body from bt order by id`.execute(d.db);
      assert.deepEqual(rows, [{ id: 1, body: 'one' }]);
    } finally {
      await d.close();
    }
  });
}

cases('pglite', () => openDatabase({ kind: 'pglite', dataDir: null }));

test('bulk text (pglite): a parameter the wire path cannot send is a TypeError, an invalid date a RangeError; nothing is run', async () => {
  const d = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await sql`create table bt (id int, body text, at timestamptz)`.execute(d.db);
    await assert.rejects(sql`insert into bt values (${1}, ${utf8('a')}, ${null}) returning ${{ not: 'sendable' }}`.execute(d.db), TypeError);
    await assert.rejects(sql`insert into bt values (${1}, ${utf8('a')}, ${new Date(Number.NaN)})`.execute(d.db), RangeError);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from bt`.execute(d.db);
    assert.equal(rows[0].n, 0);
  } finally {
    await d.close();
  }
});

const problem = await postgresProblem();
if (problem === null) {
  const schemas: string[] = [];
  cases('postgres', () => {
    const schema = schemaName();
    schemas.push(schema);
    return openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema, poolSize: 2 });
  });
  after(() => dropSchemas(schemas));
} else {
  postgresUnreachable('bulk text on postgres', problem);
}
