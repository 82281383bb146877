import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWardenError } from '../errors.js';
import { BUNDLED_DATASETS } from './bundled.js';
import type { ReadOptions } from './read-options.js';
import { readTextBatches, readTexts, type TextRow, type TextToScore } from './read-texts.js';
import { createSkipReport, type SkipReport } from './skip-report.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-texts-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function collect(path: string, opts?: ReadOptions, report?: SkipReport): Promise<TextRow[]> {
  const rows: TextRow[] = [];
  for await (const row of readTexts(path, opts, report)) rows.push(row);
  return rows;
}

test('readTexts keeps the id and passes every other column through', async () => {
  const rows = await collect(file('in.csv', 'ID,text,channel\nm-1,"hi, there",sms\nm-2,click now,email\n'));
  assert.deepEqual(rows, [
    { text: 'hi, there', line: 2, id: 'm-1', passthrough: { ID: 'm-1', channel: 'sms' } },
    { text: 'click now', line: 3, id: 'm-2', passthrough: { ID: 'm-2', channel: 'email' } },
  ]);
});

test('readTexts finds message_id / msg_id, or the idCol given', async () => {
  assert.equal((await collect(file('a.tsv', 'msg_id\tbody\n77\thello\n')))[0].id, '77');
  assert.equal((await collect(file('b.csv', 'message_id,content\nx9,hello\n')))[0].id, 'x9');
  const custom = await collect(file('c.csv', 'uid,id,text\nu1,i1,hello\n'), { idCol: 'UID' });
  assert.equal(custom[0].id, 'u1');
  assert.deepEqual(custom[0].passthrough, { uid: 'u1', id: 'i1' });
});

test('readTexts without an id column leaves id undefined', async () => {
  const rows = await collect(file('noid.csv', 'text\nhello\n'));
  assert.equal(rows[0].id, undefined);
  assert.deepEqual(rows[0].passthrough, {});
});

test('readTexts ignores labels, even unknown ones, and passes them through', async () => {
  const rows = await collect(file('lab.csv', 'label,text\nwhatever,hello\n'));
  assert.deepEqual(rows[0].passthrough, { label: 'whatever' });
  const uci = await collect(BUNDLED_DATASETS[0]);
  assert.equal(uci.length, 5574);
  assert.deepEqual(uci[2].passthrough, { label: 'spam' });
});

test('readTexts reads JSONL with per-line keys', async () => {
  const rows = await collect(file('t.jsonl', '{"id":1,"text":"a"}\n{"message":"b","extra":true}\n'));
  assert.deepEqual(rows.map((r) => [r.text, r.id, r.passthrough]), [['a', '1', { id: '1' }], ['b', undefined, { extra: 'true' }]]);
});

test('readTexts errors name file and line: missing text column, empty text, invalid UTF-8', async () => {
  await assert.rejects(collect(file('m.csv', 'id,subject\n1,x\n')), (e: unknown) => isWardenError(e) && e.code === 'MISSING_COLUMN' && e.message.includes('m.csv:1:') && e.message.includes("'subject'"));
  await assert.rejects(collect(file('e.csv', 'id,text\n1,x\n2,\n')), (e: unknown) => isWardenError(e) && e.code === 'EMPTY_TEXT' && e.message.includes('e.csv:3:'));
  const bad = Buffer.concat([Buffer.from('text\nfine\nbad'), Buffer.from([0x80]), Buffer.from('\n')]);
  await assert.rejects(collect(file('u.csv', bad)), (e: unknown) => isWardenError(e) && e.code === 'INVALID_UTF8' && e.message.includes('u.csv:3:'));
});

test('readTexts with skipInvalid counts what it skips', async () => {
  const report = createSkipReport();
  const rows = await collect(file('s.csv', 'id,text\n1,a\n2,\n3,b,c\n4,d\n'), { skipInvalid: true }, report);
  assert.deepEqual(rows.map((r) => r.id), ['1', '4']);
  assert.deepEqual(report, { skipped: 2, reasons: { 'empty-text': 1, 'bad-row': 1 } });
});

test('readTextBatches gives the rows of readTexts without passthrough, and the rows before a bad one before its error', async () => {
  const path = file('batches.csv', 'id,text,channel\n1,a,sms\n2,b,email\n3,,sms\n4,d,sms\n');
  const got: TextToScore[] = [];
  await assert.rejects(
    (async () => {
      for await (const batch of readTextBatches(path)) got.push(...batch);
    })(),
    (e: unknown) => isWardenError(e) && e.code === 'EMPTY_TEXT' && e.message.includes('batches.csv:4:'),
  );
  assert.deepEqual(got, [{ text: 'a', line: 2, id: '1' }, { text: 'b', line: 3, id: '2' }]);
  const report = createSkipReport();
  const skipped: TextToScore[] = [];
  for await (const batch of readTextBatches(path, { skipInvalid: true }, report)) skipped.push(...batch);
  const rows = await collect(path, { skipInvalid: true });
  assert.deepEqual(skipped, rows.map(({ passthrough: _, ...row }) => row));
  assert.deepEqual(report, { skipped: 1, reasons: { 'empty-text': 1 } });
  const uci: TextToScore[] = [];
  for await (const batch of readTextBatches(BUNDLED_DATASETS[0])) uci.push(...batch);
  assert.deepEqual(uci, (await collect(BUNDLED_DATASETS[0])).map(({ passthrough: _, ...row }) => row));
});
