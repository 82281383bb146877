import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWardenError, type ErrorCode } from '../errors.js';
import type { ReadOptions } from './read-options.js';
import { readLabeled, type LabeledRow } from './read-labeled.js';
import { createSkipReport, type SkipReport } from './skip-report.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-labeled-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function collect(path: string, opts?: ReadOptions, report?: SkipReport): Promise<LabeledRow[]> {
  const rows: LabeledRow[] = [];
  for await (const row of readLabeled(path, opts, report)) rows.push(row);
  return rows;
}
async function failsWith(path: string, code: ErrorCode, ...parts: string[]): Promise<string> {
  let message = '';
  await assert.rejects(collect(path), (err: unknown) => {
    assert.ok(isWardenError(err), String(err));
    assert.equal(err.code, code, err.message);
    for (const part of parts) assert.ok(err.message.includes(part), `"${err.message}" lacks "${part}"`);
    message = err.message;
    return true;
  });
  return message;
}

test('CSV: quoted commas, doubled quotes, newlines in quotes, CRLF and BOM; line numbers follow physical lines', async () => {
  const p = file('good.csv', '\ufeffid,Label,Message\r\n1,spam,"Win, now"\r\n2,ham,"a ""quote"""\r\n3,ham,"two\r\nlines"\r\n4,smishing,click\r\n');
  const rows = await collect(p);
  assert.deepEqual(rows.map((r) => [r.line, r.label, r.text]), [
    [2, 'spam', 'Win, now'],
    [3, 'benign', 'a "quote"'],
    [4, 'benign', 'two\nlines'],
    [6, 'phishing', 'click'],
  ]);
});

test('column fallbacks: Kaggle v1/v2, class/sms, explicit textCol/labelCol', async () => {
  const kaggle = file('spam.csv', 'v1,v2,,,\nham,"Go until jurong",,,\nspam,Free entry,,,\n');
  assert.deepEqual((await collect(kaggle)).map((r) => [r.label, r.text]), [['benign', 'Go until jurong'], ['spam', 'Free entry']]);
  const tsv = file('h.tsv', 'Class\tSMS\nfraud\tsend cash\n0\tok\n');
  assert.deepEqual((await collect(tsv)).map((r) => r.label), ['phishing', 'benign']);
  const named = file('named.csv', 'verdict,msg,text\nspam,real text,decoy\n');
  assert.deepEqual((await collect(named, { textCol: 'MSG', labelCol: 'verdict' })).map((r) => r.text), ['real text']);
});

test('JSONL rows with column fallbacks and numeric labels', async () => {
  const p = file('d.jsonl', '{"text":"hello","label":"ham"}\n\n{"message":"win","class":1}\n{"body":"ok","category":0,"x":[1]}\n');
  assert.deepEqual((await collect(p)).map((r) => [r.line, r.label, r.text, r.rawLabel]), [
    [1, 'benign', 'hello', 'ham'],
    [3, 'phishing', 'win', '1'],
    [4, 'benign', 'ok', '0'],
  ]);
});

test('missing text column names the file, line 1 and the columns present', async () => {
  await failsWith(file('nocol.csv', 'label,subject\nham,hi\n'), 'MISSING_COLUMN', 'nocol.csv:1:', 'text', "'label', 'subject'");
});

test('missing label column names the columns present', async () => {
  await failsWith(file('nolabel.tsv', 'id\ttext\n1\thi\n'), 'MISSING_COLUMN', 'nolabel.tsv:1:', 'label column', "'id', 'text'");
});

test('explicit textCol that does not exist is named', async () => {
  await assert.rejects(collect(file('x.csv', 'label,text\nham,a\n'), { textCol: 'body2' }), (err: unknown) =>
    isWardenError(err) && err.code === 'MISSING_COLUMN' && err.message.includes("'body2'") && err.message.includes('x.csv:1:'));
});

test('JSONL line without a text key names that line', async () => {
  await failsWith(file('nokey.jsonl', '{"text":"a","label":"ham"}\n{"txt":"b","label":"ham"}\n'), 'MISSING_COLUMN', 'nokey.jsonl:2:', "'txt'");
});

test('unknown labels: every distinct one is listed with its count, then the read fails', async () => {
  const p = file('labels.csv', 'label,text\nham,a\nmaybe,b\nspam,c\nMAYBE,d\nmaybe,e\n???,f\nham,g\n');
  const msg = await failsWith(p, 'UNKNOWN_LABEL', 'labels.csv:3:', "'maybe' (2 rows, first at line 3)", "'MAYBE' (1 row, first at line 5)", "'???' (1 row, first at line 7)", '4 rows have unknown labels');
  assert.ok(msg.includes('Known labels: ham'));
});

test('unknown labels: no rows are yielded after the first unknown label', async () => {
  const p = file('labels2.csv', 'label,text\nham,a\nbad,b\nham,c\n');
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const row of readLabeled(p)) seen.push(row.text);
  }, (err: unknown) => isWardenError(err) && err.code === 'UNKNOWN_LABEL');
  assert.deepEqual(seen, ['a']);
});

test('an empty label cell is an unknown label', async () => {
  await failsWith(file('emptylabel.csv', 'label,text\n,hello\n'), 'UNKNOWN_LABEL', 'emptylabel.csv:2:', "'' (1 row");
});

test('empty text names file and line', async () => {
  await failsWith(file('empty.csv', 'label,text\nham,hi\nspam,"  "\n'), 'EMPTY_TEXT', 'empty.csv:3:');
  await failsWith(file('empty.tsv', 'ham\thi\nspam\t\n'), 'EMPTY_TEXT', 'empty.tsv:2:');
});

test('invalid UTF-8 names file and line (U+FFFD itself is fine)', async () => {
  const bytes = Buffer.concat([Buffer.from('label,text\nham,ok \ufffd\nspam,bad '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
  await failsWith(file('bad.csv', bytes), 'INVALID_UTF8', 'bad.csv:3:');
  const quoted = Buffer.concat([Buffer.from('label,text\nham,"line one\nline '), Buffer.from([0xe2, 0x82]), Buffer.from(' two"\n')]);
  await failsWith(file('badquoted.csv', quoted), 'INVALID_UTF8', 'badquoted.csv:3:');
  const header = Buffer.concat([Buffer.from('label,te'), Buffer.from([0xc0]), Buffer.from('xt\n')]);
  await failsWith(file('badheader.csv', header), 'INVALID_UTF8', 'badheader.csv:1:');
});

test('malformed JSON names file and line', async () => {
  await failsWith(file('bad.jsonl', '{"text":"a","label":"ham"}\n{"text": "b", label: spam}\n'), 'BAD_DATA', 'bad.jsonl:2:', 'malformed JSON');
  await failsWith(file('arr.jsonl', '["a","ham"]\n'), 'BAD_DATA', 'arr.jsonl:1:', 'JSON object');
});

test('bad rows name file and line: too many CSV fields, UCI line without a tab, unterminated quote', async () => {
  await failsWith(file('wide.csv', 'label,text\nham,a,b\n'), 'BAD_DATA', 'wide.csv:2:', '3 fields', 'header has 2');
  await failsWith(file('notab.tsv', 'ham\thi\nspam no tab here\n'), 'BAD_DATA', 'notab.tsv:2:', 'no tab');
  await failsWith(file('open.csv', 'label,text\nham,ok\nspam,"never closed\nmore\n'), 'BAD_DATA', 'open.csv:3:', 'unterminated');
});

test('empty, unknown-format and missing files', async () => {
  await failsWith(file('empty0.csv', ''), 'BAD_DATA', 'empty0.csv:1:', 'empty');
  await failsWith(file('what.data', 'one column only\n'), 'UNSUPPORTED_FORMAT', 'what.data:1:');
  await failsWith(join(dir, 'absent.csv'), 'BAD_DATA', 'absent.csv');
  assert.deepEqual(await collect(file('empty.jsonl', '')), []);
});

test('skipInvalid skips and counts every kind of bad row, keeps the good ones', async () => {
  const csv = Buffer.concat([
    Buffer.from('label,text\nham,good one\nweird,x\nspam,\nspam,a,b\nham,bad '),
    Buffer.from([0xff]),
    Buffer.from('\nspam,good two\n'),
  ]);
  const report = createSkipReport();
  const rows = await collect(file('mixed.csv', csv), { skipInvalid: true }, report);
  assert.deepEqual(rows.map((r) => r.text), ['good one', 'good two']);
  assert.deepEqual(report, { skipped: 4, reasons: { 'unknown-label': 1, 'empty-text': 1, 'bad-row': 1, 'invalid-utf8': 1 } });

  const jsonl = file('mixed.jsonl', '{"text":"a","label":"ham"}\nnot json\n{"nope":1}\n{"text":"b","label":"spam"}\n');
  const r2 = createSkipReport();
  assert.deepEqual((await collect(jsonl, { skipInvalid: true }, r2)).map((r) => r.text), ['a', 'b']);
  assert.deepEqual(r2, { skipped: 2, reasons: { 'bad-json': 1, 'missing-column': 1 } });
});

test('skipInvalid does not hide a missing CSV column', async () => {
  await assert.rejects(collect(file('nocol2.csv', 'a,b\n1,2\n'), { skipInvalid: true }), (err: unknown) => isWardenError(err) && err.code === 'MISSING_COLUMN');
});

test('a huge file streams: 100k rows with a 1 MB text', async () => {
  const big = 'y'.repeat(1_000_000);
  const lines = ['label,text'];
  for (let i = 0; i < 100_000; i++) lines.push(i === 500 ? `spam,"${big}"` : `ham,msg ${i}`);
  const rows = await collect(file('huge.csv', lines.join('\n')));
  assert.equal(rows.length, 100_000);
  assert.equal(rows[500].text.length, 1_000_000);
  assert.equal(rows[99_999].text, 'msg 99999');
  assert.equal(rows[99_999].line, 100_001);
});
