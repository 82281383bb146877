import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BUNDLED_DATASETS } from './bundled.js';
import { readLabeled, type LabeledRow } from './read-labeled.js';
import { createSkipReport } from './skip-report.js';

const [UCI, SMISHING] = BUNDLED_DATASETS;

async function collect(path: string): Promise<LabeledRow[]> {
  const rows: LabeledRow[] = [];
  for await (const row of readLabeled(path)) rows.push(row);
  return rows;
}
function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
}

test('BUNDLED_DATASETS are absolute paths under <root>/data', () => {
  assert.equal(BUNDLED_DATASETS.length, 2);
  assert.match(UCI, /^\/.*\/data\/sms-spam-collection\/SMSSpamCollection\.tsv$/);
  assert.match(SMISHING, /^\/.*\/data\/sms-smishing-5971\/Dataset_5971\.csv$/);
  // the file is the one the data README describes
  assert.equal(createHash('sha256').update(readFileSync(UCI)).digest('hex'), '7d039a24a6083ed9ef0f806ebad56bbb976e3aeb8de05669173bfdc4996c239d');
});

test('readLabeled reads the UCI collection: 5,574 rows, 4,827 ham and 747 spam', async () => {
  const report = createSkipReport();
  const rows: LabeledRow[] = [];
  for await (const row of readLabeled(UCI, {}, report)) rows.push(row);
  assert.equal(rows.length, 5574);
  assert.deepEqual(countBy(rows, (r) => r.label), { benign: 4827, spam: 747 });
  assert.deepEqual(report, { skipped: 0, reasons: {} });
  assert.deepEqual({ ...rows[0] }, {
    text: 'Go until jurong point, crazy.. Available only in bugis n great world la e buffet... Cine there got amore wat...',
    label: 'benign',
    rawLabel: 'ham',
    source: UCI,
    line: 1,
  });
  assert.equal(rows[5573].line, 5574);
  // texts starting with a quote are not treated as CSV quoting in UCI files
  assert.ok(rows.some((r) => r.text.startsWith('"')));
});

test('readLabeled reads the smishing set: 5,971 rows, 4,844 ham, 638 smishing, 489 spam, case folded', async () => {
  const rows = await collect(SMISHING);
  assert.equal(rows.length, 5971);
  assert.deepEqual(countBy(rows, (r) => r.label), { benign: 4844, phishing: 638, spam: 489 });
  assert.deepEqual(countBy(rows, (r) => r.rawLabel), { ham: 4844, Smishing: 616, smishing: 22, spam: 466, Spam: 23 });
  assert.equal(rows[0].line, 2);
  assert.equal(rows[0].text.slice(0, 26), 'Your opinion about me? 1. ');
  // the TEXT column is chosen over the EMAIL flag column
  assert.ok(rows.every((r) => r.text !== 'Yes' && r.text !== 'No'));
  // literal U+FFFD in the file is valid UTF-8 and is kept
  const damaged = rows.filter((r) => r.text.includes('\ufffd')).length;
  assert.ok(damaged > 0, 'expected some U+FFFD characters');
  assert.equal(rows[1].text, "What's up? Do you want me to come online? If you are free we can talk sometime\ufffd");
  // a quoted field with a comma
  assert.ok(rows[3].text.startsWith('Also sir, i sent you'));
});
