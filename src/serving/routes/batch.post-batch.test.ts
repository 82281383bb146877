import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDelimited } from '../../data/index.js';
import { SCORE_COLUMNS } from '../../detector/score-row.js';
import { buildHarness, multipartBody, STUB_VERSION, stubRisk, type Harness } from '../upload/route-harness.js';

/** The expected scored cells of a scorable text, as CSV strings. */
function scored(text: string): string[] {
  const risk = Math.round(stubRisk(text) * 1e6) / 1e6;
  const threat = risk >= 0.5;
  return [String(risk), String(threat), threat ? 'spam' : 'benign', STUB_VERSION, ''];
}

describe('POST /v1/batch', () => {
  let h: Harness;
  before(async () => {
    h = await buildHarness({ maxUploadBytes: 64 * 1024 });
  });
  after(() => h.close());

  const post = (content: string | Buffer, filename = 'input.csv', query = '') =>
    h.app.inject({ method: 'POST', url: `/v1/batch${query}`, ...multipartBody(content, filename) });

  test('scores a CSV into the columns of warden score, id passed through, bad rows get the error column', async () => {
    const long = 'y'.repeat(100_001);
    const csv = `id,text,extra\n7,hello there,a\n8,"=HYPERLINK(""x"")",b\n9,   ,c\n10,${long},d\n11,"two\nlines, quoted",e\n`;
    const res = await h.app.inject({ method: 'POST', url: '/v1/batch', ...multipartBody(csv) });
    // 100 KB text is over this harness's 64 KiB upload limit; use a bigger harness for it below.
    assert.equal(res.statusCode, 413);
    const small = csv.replace(long, 'z'.repeat(300));
    const ok = await post(small);
    assert.equal(ok.statusCode, 200);
    assert.match(String(ok.headers['content-type']), /^text\/csv/);
    const rows = parseDelimited(ok.body);
    assert.deepEqual(rows[0], ['text', 'id', ...SCORE_COLUMNS]);
    assert.deepEqual(rows[1], ['hello there', '7', ...scored('hello there')]);
    // The formula is written with a leading ' (spreadsheet-safe), scored on the original text.
    assert.deepEqual(rows[2], ["'=HYPERLINK(\"x\")", '8', ...scored('=HYPERLINK("x")')]);
    assert.deepEqual(rows[3], ['   ', '9', '', '', '', STUB_VERSION, 'empty text']);
    assert.deepEqual(rows[4], ['z'.repeat(300), '10', '1', 'true', 'spam', STUB_VERSION, '']);
    assert.deepEqual(rows[5], ['two\nlines, quoted', '11', ...scored('two\nlines, quoted')]);
    assert.equal(rows.length, 6);
  });

  test('an over-long text is an error row, not a failed file', async () => {
    const big = await buildHarness({ maxUploadBytes: 1024 * 1024 });
    try {
      const long = 'y'.repeat(100_001);
      const res = await big.app.inject({ method: 'POST', url: '/v1/batch', ...multipartBody(`text\nshort one\n${long}\n`) });
      assert.equal(res.statusCode, 200);
      const rows = parseDelimited(res.body);
      assert.deepEqual(rows[1], ['short one', ...scored('short one')]);
      assert.deepEqual(rows[2], [long, '', '', '', STUB_VERSION, 'text longer than 100000 characters']);
    } finally {
      await big.close();
    }
  });

  test('JSONL upload: rows scored in order, a malformed line gets an error naming it', async () => {
    const jsonl = '{"text":"first message","id":"a"}\n{not json}\n{"text":"","id":"c"}\n{"other":"no text","id":"d"}\n{"text":"last","id":"e"}\n';
    const res = await post(jsonl, 'inbox.jsonl');
    assert.equal(res.statusCode, 200);
    const rows = parseDelimited(res.body);
    assert.deepEqual(rows[0], ['text', 'id', ...SCORE_COLUMNS]);
    assert.deepEqual(rows[1], ['first message', 'a', ...scored('first message')]);
    assert.equal(rows[2][0], '');
    assert.equal(rows[2][6].startsWith('line 2: malformed JSON'), true);
    assert.deepEqual(rows[3], ['', 'c', '', '', '', STUB_VERSION, 'empty text']);
    assert.deepEqual(rows[4], ['', '', '', '', '', STUB_VERSION, 'line 4: no text field']);
    assert.deepEqual(rows[5], ['last', 'e', ...scored('last')]);
  });

  test('?text_col= and ?id_col= pick the columns; TSV is read by extension', async () => {
    const res = await post('uid\tbody\tnote\nu1\tpay now\tx\nu2\tsee you\ty\n', 'export.tsv', '?text_col=body&id_col=uid');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(parseDelimited(res.body), [
      ['text', 'uid', ...SCORE_COLUMNS],
      ['pay now', 'u1', ...scored('pay now')],
      ['see you', 'u2', ...scored('see you')],
    ]);
  });

  test('a header-only file gives the header alone', async () => {
    const res = await post('text,id\n');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(parseDelimited(res.body), [['text', 'id', ...SCORE_COLUMNS]]);
  });

  test('2,000 rows stream back complete and in order', async () => {
    let csv = 'text\n';
    for (let i = 0; i < 2000; i++) csv += `message number ${i} ${'k'.repeat(i % 13)}\n`;
    const res = await post(csv);
    assert.equal(res.statusCode, 200);
    const rows = parseDelimited(res.body);
    assert.equal(rows.length, 2001);
    for (const i of [0, 1, 999, 1999]) {
      const text = `message number ${i} ${'k'.repeat(i % 13)}`;
      assert.deepEqual(rows[i + 1], [text, ...scored(text)]);
    }
  });

  test('no text column → 400 MISSING_COLUMN before any output (CSV header and JSONL)', async () => {
    for (const [content, name, query] of [
      ['id,subject\n1,hi\n', 'a.csv', ''],
      ['id,subject\n', 'a.csv', ''],
      ['{"id":1,"subject":"hi"}\n', 'a.jsonl', ''],
      ['id,text\n1,hi\n', 'a.csv', '?text_col=body'],
    ] as const) {
      const res = await post(content, name, query);
      assert.equal(res.statusCode, 400, `${name} ${query}`);
      assert.equal(res.json().error.code, 'MISSING_COLUMN');
      assert.match(res.json().error.message, /^a\.(csv|jsonl): no text column/);
    }
  });

  test('not multipart → 415 UNSUPPORTED_FORMAT (JSON body, raw CSV body)', async () => {
    const json = await h.app.inject({ method: 'POST', url: '/v1/batch', payload: { texts: ['a'] } });
    assert.equal(json.statusCode, 415);
    assert.equal(json.json().error.code, 'UNSUPPORTED_FORMAT');
    const raw = await h.app.inject({ method: 'POST', url: '/v1/batch', payload: 'text\nhi\n', headers: { 'content-type': 'text/csv' } });
    assert.equal(raw.statusCode, 415);
    assert.equal(raw.json().error.code, 'UNSUPPORTED_FORMAT');
  });

  test('a file over the upload limit → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post('text\n' + 'a'.repeat(70 * 1024) + '\n');
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'PAYLOAD_TOO_LARGE');
  });

  test('invalid UTF-8 anywhere in the file → 400 INVALID_UTF8, naming the line', async () => {
    const bytes = Buffer.concat([Buffer.from('text\nfine\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from(' here\n')]);
    const res = await post(bytes);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'INVALID_UTF8');
    assert.match(res.json().error.message, /line 3/);
    const truncated = await post(Buffer.concat([Buffer.from('text\nends in '), Buffer.from([0xe2, 0x82])]));
    assert.equal(truncated.statusCode, 400);
    assert.equal(truncated.json().error.code, 'INVALID_UTF8');
  });

  test('a format that cannot be told → 415; an empty CSV → 400 BAD_DATA; bad ?format → 400', async () => {
    const unknown = await post('just one line with no delimiter\n', 'notes.bin');
    assert.equal(unknown.statusCode, 415);
    assert.equal(unknown.json().error.code, 'UNSUPPORTED_FORMAT');
    const empty = await post('', 'empty.csv');
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.code, 'BAD_DATA');
    const badFormat = await post('text\nhi\n', 'a.csv', '?format=xlsx');
    assert.equal(badFormat.statusCode, 400);
    assert.equal(badFormat.json().error.code, 'INVALID_INPUT');
  });
});
