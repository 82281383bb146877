import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PACKAGE_ROOT } from '../../config/package-info.js';
import { csvLine } from '../../data/csv-writer.js';
import { readTextBatches } from '../../data/read-texts.js';
import { loadDetector } from '../../detector/load-detector.js';
import { scoreRowFields, SCORE_COLUMNS } from '../../detector/score-row.js';
import { tinyModelDir } from '../../../test/support/tiny-model.js';
import { main } from '../main.js';

/** Runs `warden …` in this process; stdout and stderr collected as text. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const sink = () => {
    const chunks: Buffer[] = [];
    const w = new Writable({ write(c, _e, cb) { chunks.push(Buffer.from(c)); cb(); } });
    return { w, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = sink();
  const err = sink();
  const code = await main(argv, { stdout: out.w, stderr: err.w, env: { ...process.env, WARDEN_DATA_DIR: join(tmpdir(), 'warden-score-output-unused') } });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** The single-threaded command's output, row by row: `scoreRowFields` on each text, then `csvLine`. */
async function referenceCsv(modelDir: string, input: string, idName: string | null): Promise<string> {
  const detector = await loadDetector(modelDir);
  let csv = csvLine(idName ? ['text', idName, ...SCORE_COLUMNS] : ['text', ...SCORE_COLUMNS]);
  for await (const batch of readTextBatches(input)) {
    for (const row of batch) csv += csvLine(idName ? [row.text, row.id ?? '', ...scoreRowFields(detector, row.text)] : [row.text, ...scoreRowFields(detector, row.text)]);
  }
  return csv;
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** UCI texts plus cells that need quoting, formula guards, non-ASCII and an over-long text (a per-row error). */
function awkwardRows(n: number): string[] {
  const uci = readFileSync(join(PACKAGE_ROOT, 'data/sms-spam-collection/SMSSpamCollection.tsv'), 'utf8').split('\n').filter(Boolean).map((l) => l.slice(l.indexOf('\t') + 1));
  const special = [
    'He said "hi", then left', 'line one\nline two', '=1+2 free prize', '-5 off, today only', '@home: café, naïve — Привет 👋',
    'WIN a FREE prize call 09061701000 now', 'Your аccount is locked, verify at http://paypa1.com',
  ];
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(i % 97 < special.length ? special[i % 97] : uci[(i * 7) % uci.length]);
  if (n > 3000) rows[3000] = 'x'.repeat(100_001);
  return rows;
}

test('score writes the same CSV bytes as scoreRowFields and csvLine row by row (ids, quotes, errors, non-ASCII, many batches, to a file and to stdout)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-score-out-'));
  const model = await tinyModelDir();
  const texts = awkwardRows(14_000); // > 1 MiB of CSV: several read batches and output flushes
  const input = join(dir, 'in.csv');
  await writeFile(input, ['message_id,text,label', ...texts.map((t, i) => `m${i},${q(t)},ham`)].join('\n') + '\n');
  // the id column is written as `id` (or --id-col's name), whatever the input calls it
  const expected = await referenceCsv(model, input, 'id');
  assert.ok(expected.includes(',text longer than 100000 characters\n'), 'the file has a per-row error');
  const r = await run(['score', '--in', input, '--out', join(dir, 'out.csv'), '--model', model]);
  assert.equal(r.code, 0, r.stderr);
  const written = await readFile(join(dir, 'out.csv'), 'utf8');
  assert.equal(written.length, expected.length);
  assert.ok(written === expected, 'the CSV differs from the single-threaded reference');
  assert.match(r.stderr, /^scored 14000 rows in .*, 1 errors; model /);

  const uci = join(dir, 'in.tsv');
  await writeFile(uci, texts.slice(0, 500).map((t) => `ham\t${t.replace(/\n/g, ' ')}`).join('\n'));
  const toStdout = await run(['score', '--in', uci, '--out', '-', '--model', model]);
  assert.equal(toStdout.code, 0, toStdout.stderr);
  assert.ok(toStdout.stdout === (await referenceCsv(model, uci, null)), 'stdout CSV differs from the reference');
});

test('score: an input with no rows writes the header only', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-score-empty-'));
  const input = join(dir, 'in.csv');
  await writeFile(input, 'text,label\n');
  const r = await run(['score', '--in', input, '--out', join(dir, 'out.csv'), '--model', await tinyModelDir()]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await readFile(join(dir, 'out.csv'), 'utf8'), 'text,risk_score,is_threat,label,model_version,error\n');
  assert.match(r.stderr, /^scored 0 rows in .*: 0 threats, 0 benign, 0 errors; model /);
});

test('score: a bad row after several batches fails with its file:line; a model error wins over an input error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-score-err-'));
  const model = await tinyModelDir();
  const rows = awkwardRows(3_000).filter((t) => t.length < 1000).map((t) => `ham\t${t.replace(/\n/g, ' ')}`);
  rows.push('ham\t   ');
  const input = join(dir, 'bad.tsv');
  await writeFile(input, rows.join('\n') + '\n');
  const r = await run(['score', '--in', input, '--out', join(dir, 'out.csv'), '--model', model]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `warden score: ${input}:${rows.length}: the text is empty [EMPTY_TEXT]\n`);

  const broken = join(dir, 'broken-model');
  await mkdir(broken);
  await writeFile(join(broken, 'manifest.json'), '{ not json');
  const m = await run(['score', '--in', join(dir, 'missing.tsv'), '--out', join(dir, 'out2.csv'), '--model', broken]);
  assert.equal(m.code, 1);
  assert.equal(m.stderr, `warden score: ${join(broken, 'manifest.json')} is not valid JSON [MODEL_CORRUPT]\n`);
  const noInput = await run(['score', '--in', join(dir, 'missing.tsv'), '--out', join(dir, 'out3.csv'), '--model', model]);
  assert.equal(noInput.code, 1);
  assert.match(noInput.stderr, /^warden score: .*missing\.tsv/);
});
