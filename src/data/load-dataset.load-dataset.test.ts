import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWardenError } from '../errors.js';
import { BUNDLED_DATASETS } from './bundled.js';
import { fingerprintRows } from './fingerprint.js';
import { groupKey } from './group-key.js';
import { loadDataset } from './load-dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-load-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
const bundled = loadDataset(BUNDLED_DATASETS);

test('merging the bundled sets removes cross-file duplicates: 6,423 of 11,545 rows remain', async () => {
  const ds = await bundled;
  assert.deepEqual(ds.files.map((f) => f.rows), [5574, 5971]);
  assert.deepEqual(ds.files[0].labelCounts, { benign: 4827, spam: 747, phishing: 0 });
  assert.deepEqual(ds.files[1].labelCounts, { benign: 4844, spam: 489, phishing: 638 });
  assert.ok(ds.rows.length < 5574 + 5971);
  assert.equal(ds.rows.length, 6423);
  assert.equal(ds.duplicatesRemoved, 5574 + 5971 - 6423);
  assert.equal(ds.labelConflicts, 0);
  assert.equal(ds.hasPhishingLabels, true);
  assert.deepEqual(ds.skipped, { skipped: 0, reasons: {} });
  // > 85% of the smishing set's rows were already in the UCI set
  const fromSmishing = ds.rows.filter((r) => r.source === BUNDLED_DATASETS[1]).length;
  assert.equal(fromSmishing, 6423 - 5574);
  assert.ok((5971 - fromSmishing) / 5971 > 0.85);
});

test('merged bundled sets: every group key comes from one file only', async () => {
  const ds = await bundled;
  const sourceOf = new Map<string, string>();
  for (const row of ds.rows) {
    const key = groupKey(row.text);
    const prev = sourceOf.get(key);
    assert.ok(prev === undefined || prev === row.source, `key ${key} in two files`);
    sourceOf.set(key, row.source);
  }
});

test('merged bundled sets: phishing beats spam for shared texts', async () => {
  const ds = await bundled;
  const counts = { benign: 0, spam: 0, phishing: 0 };
  for (const r of ds.rows) counts[r.label]++;
  assert.deepEqual(counts, { benign: 5290, spam: 529, phishing: 604 });
  // some UCI rows were relabelled spam → phishing from the smishing set
  const upgraded = ds.rows.filter((r) => r.source === BUNDLED_DATASETS[0] && r.label === 'phishing');
  assert.ok(upgraded.length > 0);
  assert.ok(upgraded.every((r) => r.rawLabel === 'spam'));
});

test('fingerprints: per file and merged, stable across loads', async () => {
  const ds = await bundled;
  assert.equal(ds.fingerprint, fingerprintRows(ds.rows));
  assert.match(ds.files[0].fingerprint, /^[0-9a-f]{64}$/);
  assert.notEqual(ds.files[0].fingerprint, ds.files[1].fingerprint);
  const again = await loadDataset([BUNDLED_DATASETS[0]]);
  assert.equal(again.files[0].fingerprint, ds.files[0].fingerprint);
  assert.equal(again.fingerprint, ds.files[0].fingerprint);
  assert.equal(again.hasPhishingLabels, false);
});

test('within-file duplicates are kept; cross-file ones dropped with label resolution', async () => {
  const a = file('a.csv', 'label,text\nspam,Claim your prize now\nspam,CLAIM your prize NOW!\nham,see you at 5\nham,lunch?\n');
  const b = file('b.tsv', 'smishing\tclaim your prize now\nspam\tSee you at 6\nham\tnew text\n');
  const ds = await loadDataset([a, b]);
  assert.deepEqual(ds.rows.map((r) => [r.label, r.text]), [
    ['phishing', 'Claim your prize now'],
    ['phishing', 'CLAIM your prize NOW!'],
    ['benign', 'see you at 5'],
    ['benign', 'lunch?'],
    ['benign', 'new text'],
  ]);
  assert.equal(ds.duplicatesRemoved, 2);
  assert.equal(ds.labelConflicts, 1); // benign vs spam: first file wins, counted
  assert.equal(ds.hasPhishingLabels, true);
  assert.deepEqual(ds.files.map((f) => f.rows), [4, 3]);
});

test('phishing first and spam later is not a conflict', async () => {
  const a = file('p.csv', 'label,text\nphishing,verify your bank\nham,hello\n');
  const b = file('s.csv', 'label,text\nspam,Verify your BANK\n');
  const ds = await loadDataset([a, b]);
  assert.equal(ds.labelConflicts, 0);
  assert.equal(ds.rows[0].label, 'phishing');
});

test('one class → ONE_CLASS naming the files', async () => {
  const a = file('only-ham.csv', 'label,text\nham,a\nham,b\n');
  const b = file('only-ham2.csv', 'label,text\nham,c\n');
  await assert.rejects(loadDataset([a, b]), (e: unknown) =>
    isWardenError(e) && e.code === 'ONE_CLASS' && e.message.includes('only-ham.csv') && e.message.includes('only-ham2.csv') && e.message.includes("'benign'"));
});

test('no rows, no files', async () => {
  await assert.rejects(loadDataset([file('hdr.csv', 'label,text\n')]), (e: unknown) => isWardenError(e) && e.code === 'BAD_DATA' && e.message.includes('hdr.csv'));
  await assert.rejects(loadDataset([]), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT');
});

test('skipInvalid aggregates skip reports across files; errors still name the file', async () => {
  const a = file('sk1.csv', 'label,text\nham,a\nzzz,b\n');
  const b = file('sk2.csv', 'label,text\nspam,c\nspam,\n');
  const ds = await loadDataset([a, b], { skipInvalid: true });
  assert.equal(ds.rows.length, 2);
  assert.deepEqual(ds.skipped, { skipped: 2, reasons: { 'unknown-label': 1, 'empty-text': 1 } });
  await assert.rejects(loadDataset([a, b]), (e: unknown) => isWardenError(e) && e.code === 'UNKNOWN_LABEL' && e.message.includes('sk1.csv:3:'));
});
