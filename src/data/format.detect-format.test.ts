import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWardenError } from '../errors.js';
import { detectFormat, sniffFormat } from './format.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-format-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('detectFormat by extension', async () => {
  assert.equal(await detectFormat(file('a.jsonl', 'whatever')), 'jsonl');
  assert.equal(await detectFormat(file('a.NDJSON', '')), 'jsonl');
  assert.equal(await detectFormat(file('a.csv', 'x\ty')), 'csv');
});

test('detectFormat tells UCI from a headed TSV by the first line', async () => {
  assert.equal(await detectFormat(file('u.tsv', 'ham\thello\n')), 'uci');
  assert.equal(await detectFormat(file('u.txt', 'Spam\tWIN\n')), 'uci');
  assert.equal(await detectFormat(file('h.tsv', 'label\ttext\nham\thi\n')), 'tsv');
  assert.equal(await detectFormat(file('h.txt', '\ufeffid\tmessage\n')), 'tsv');
});

test('detectFormat sniffs files without a known extension', async () => {
  assert.equal(await detectFormat(file('SMSSpamCollection', 'ham\tGo until jurong\n')), 'uci');
  assert.equal(await detectFormat(file('b.data', '{"text":"a","label":"spam"}\n')), 'jsonl');
  assert.equal(await detectFormat(file('c.data', 'label,text\n')), 'csv');
  assert.equal(await detectFormat(file('d.data', 'kind\tbody\n')), 'tsv');
});

test('detectFormat honours an explicit format', async () => {
  assert.equal(await detectFormat(file('x.csv', 'a'), 'tsv'), 'tsv');
});

test('detectFormat refuses an unknown explicit format and unsniffable content, naming the file', async () => {
  const p = file('e.data', 'just one column\n');
  await assert.rejects(detectFormat(p), (err: unknown) => isWardenError(err) && err.code === 'UNSUPPORTED_FORMAT' && err.message.includes('e.data:1:'));
  await assert.rejects(detectFormat(p, 'xml' as 'csv'), (err: unknown) => isWardenError(err) && err.code === 'UNSUPPORTED_FORMAT' && err.message.includes("'xml'"));
  await assert.rejects(detectFormat(join(dir, 'missing.data')), (err: unknown) => isWardenError(err) && err.code === 'BAD_DATA' && err.message.includes('missing.data'));
});

test('sniffFormat on single lines', () => {
  assert.equal(sniffFormat('  {"a":1}'), 'jsonl');
  assert.equal(sniffFormat('smishing\tclick here'), 'uci');
  assert.equal(sniffFormat('unknown\tclick'), 'tsv');
  assert.equal(sniffFormat('a,b'), 'csv');
  assert.equal(sniffFormat(''), null);
  assert.equal(sniffFormat('x'.repeat(100_000)), null);
});
