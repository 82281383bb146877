import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadOptions } from './read-options.js';
import { readTextBatches, readTexts } from './read-texts.js';
import { createSkipReport } from './skip-report.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-uci-fast-'));
let n = 0;
function file(content: string | Buffer): string {
  const p = join(dir, `in-${n++}.txt`);
  writeFileSync(p, content);
  return p;
}

/** Rows (text, line), the skip counts and the error (code, message) of one reader. */
async function outcome(rows: AsyncIterable<{ text: string; line: number; id?: string }>, report: ReturnType<typeof createSkipReport>): Promise<unknown> {
  const got: unknown[] = [];
  try {
    for await (const r of rows) got.push({ text: r.text, line: r.line, id: r.id });
  } catch (err) {
    const e = err as Error & { code?: string };
    return { got, skipped: report.reasons, error: { code: e.code, message: e.message } };
  }
  return { got, skipped: report.reasons, error: null };
}

async function* flat<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const b of batches) yield* b;
}

/** The UCI fast path (readTextBatches) against the record path (readTexts, which keeps the other columns). */
async function assertSameAsRecords(path: string, opts: ReadOptions): Promise<void> {
  const a = createSkipReport();
  const b = createSkipReport();
  const fast = await outcome(flat(readTextBatches(path, opts, a)), a);
  const records = await outcome(readTexts(path, opts, b), b);
  assert.deepEqual(fast, records, `${path} ${JSON.stringify(opts)}`);
}

const LINES = [
  'ham\tsee you at 6',
  '',
  '   ',
  '\t  ',
  'spam\t',
  'spam\t   ',
  'no tab here',
  '  \tleading blank label',
  'ham\ttext with\ttwo tabs',
  'ham\tcrlf line\r',
  '\ufeffham\tbom not first',
];

test('the UCI fast path gives the rows, skips and errors of the record path', async () => {
  const good = file('\ufeffham\tfirst line with a BOM\n' + LINES.filter((l) => !/^(no tab|spam\t)/.test(l)).join('\n') + '\n');
  for (const opts of [{}, { skipInvalid: true }, { textCol: 'TEXT' }]) await assertSameAsRecords(good, { format: 'uci', ...opts });
  const bad = file(LINES.join('\n'));
  for (const opts of [{}, { skipInvalid: true }]) await assertSameAsRecords(bad, { format: 'uci', ...opts });
  const invalid = file(Buffer.concat([Buffer.from('ham\tfine\nspam\tbad \xff byte\n', 'latin1'), Buffer.from('ham\tafter\n')]));
  for (const opts of [{}, { skipInvalid: true }]) await assertSameAsRecords(invalid, { format: 'uci', ...opts });
  const blankInvalid = file(Buffer.from('ham\tok\n \xff \nham\tlast\n', 'latin1'));
  for (const opts of [{}, { skipInvalid: true }]) await assertSameAsRecords(blankInvalid, { format: 'uci', ...opts });
});

test('the UCI fast path: values, skip counts and errors as documented', async () => {
  const report = createSkipReport();
  const path = file(LINES.join('\n'));
  const rows: unknown[] = [];
  for await (const b of readTextBatches(path, { format: 'uci', skipInvalid: true }, report)) rows.push(...b);
  assert.deepEqual(rows, [
    { text: 'see you at 6', line: 1 },
    { text: 'leading blank label', line: 8 },
    { text: 'text with\ttwo tabs', line: 9 },
    { text: 'crlf line', line: 10 },
    { text: 'bom not first', line: 11 },
  ]);
  assert.deepEqual(report.reasons, { 'empty-text': 2, 'bad-row': 1 });
  await assert.rejects(async () => {
    for await (const _ of readTextBatches(path, { format: 'uci' }));
  }, { code: 'EMPTY_TEXT', message: /:5: the text is empty/ });
});

test('an id or text column other than the usual takes the record path (the label as id)', async () => {
  const path = file('ham\thello\n');
  const rows: unknown[] = [];
  for await (const b of readTextBatches(path, { format: 'uci', idCol: 'label' })) rows.push(...b);
  assert.deepEqual(rows, [{ text: 'hello', line: 1, id: 'ham' }]);
  await assertSameAsRecords(path, { format: 'uci', idCol: 'label' });
  await assertSameAsRecords(path, { format: 'uci', textCol: 'label' });
});
