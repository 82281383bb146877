import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, csvLine, CsvBuffer, numberText, type CsvValue } from './csv-writer.js';
import { parseDelimited } from './delimited-parser.js';

test('csvCell leaves plain text alone', () => {
  assert.equal(csvCell('hello world'), 'hello world');
  assert.equal(csvCell(''), '');
  assert.equal(csvCell("it's"), "it's");
});

test('csvCell quotes commas, quotes and line breaks (RFC 4180)', () => {
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('line1\nline2'), '"line1\nline2"');
  assert.equal(csvCell('a\r\nb'), '"a\r\nb"');
});

test('csvCell guards spreadsheet formulas with a leading quote', () => {
  assert.equal(csvCell('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
  assert.equal(csvCell('=1+2'), "'=1+2");
  assert.equal(csvCell('+447700900123'), "'+447700900123");
  assert.equal(csvCell('-5'), "'-5");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\tcmd'), "'\tcmd");
  assert.equal(csvCell('\rx'), '"\'\rx"');
  assert.equal(csvCell('a=1'), 'a=1');
});

test('csvCell writes numbers, booleans and nullish plainly', () => {
  assert.equal(csvCell(-0.25), '-0.25');
  assert.equal(csvCell(0), '0');
  assert.equal(csvCell(1e21), '1e+21');
  assert.equal(csvCell(true), 'true');
  assert.equal(csvCell(false), 'false');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(undefined), '');
});

test('csvLine joins cells and ends with a newline', () => {
  assert.equal(csvLine(['id', 'text', 'score']), 'id,text,score\n');
  assert.equal(csvLine([7, 'a, b', -1.5, null, '=x']), '7,"a, b",-1.5,,\'=x\n');
  assert.equal(csvLine([]), '\n');
});

test('csvLine output parses back to the same cells (huge cell included)', () => {
  const big = 'x,"y"\n'.repeat(100_000);
  const cells = ['plain', 'with, comma', 'quote "q"', 'multi\nline', big];
  const parsed = parseDelimited(csvLine(cells));
  assert.equal(parsed.length, 1);
  assert.deepEqual(parsed[0], cells);
});

test('CsvBuffer writes the bytes csvLine writes, growing past its capacity, and take() starts afresh', () => {
  const big = 'x,"y"\n'.repeat(10_000);
  const rows: CsvValue[][] = [
    ['text', 'id', 'risk_score'],
    ['café ☕ 😀', 'a1', 0.123456],
    ['=HYPERLINK("http://x")', '', true],
    [null, undefined, -0.5],
    ['lone \ud800 surrogate', big, false],
    [],
  ];
  const csv = new CsvBuffer(16);
  for (const r of rows.slice(0, 3)) csv.line(r);
  const first = csv.take();
  assert.equal(csv.byteLength, 0);
  for (const r of rows.slice(3)) csv.line(r);
  assert.ok(csv.byteLength > 60_000);
  const second = csv.take();
  assert.equal(first.toString('utf8'), rows.slice(0, 3).map(csvLine).join(''));
  assert.deepEqual(second, Buffer.from(rows.slice(3).map(csvLine).join('')));
  // The handed-over bytes are the caller's: writing on does not change them.
  csv.line(['zzzzzzzz']);
  assert.equal(first.toString('utf8'), rows.slice(0, 3).map(csvLine).join(''));
});

test('numberText is String(x) for every score rounded to six decimals, and for other numbers', () => {
  for (let k = 0; k <= 1_000_000; k++) {
    const x = k / 1e6;
    if (numberText(x) !== String(x)) assert.fail(`k=${k}: ${numberText(x)} !== ${String(x)}`);
  }
  for (const x of [0.1 + 0.2, 1 / 3, 1e-7, 5e-324, -0.5, -0, 1.5, 12345.678, 1e21, NaN, Infinity, -Infinity, 0.9999995, 0.0000015]) {
    assert.equal(numberText(x), String(x), String(x));
  }
});

test('CsvBuffer.line writes exactly the UTF-8 of csvLine, for short and long cells, ASCII or not', () => {
  let seed = 9;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const units = ['a', 'Z', '0', ',', '"', '\n', '=', '-', 'é', '€', '😀', '\ud83d', '\ude00', ' ', '\t'];
  const cell = (): CsvValue => {
    const r = rand();
    if (r < 0.1) return Math.round(rand() * 1e6) / 1e6;
    if (r < 0.15) return rand() < 0.5;
    if (r < 0.2) return null;
    const n = Math.floor(rand() * (rand() < 0.5 ? 30 : 200));
    let s = '';
    for (let i = 0; i < n; i++) s += units[Math.floor(rand() * units.length)];
    return s;
  };
  const csv = new CsvBuffer(16);
  let want = '';
  for (let row = 0; row < 500; row++) {
    const values = Array.from({ length: 1 + Math.floor(rand() * 7) }, cell);
    csv.line(values);
    want += csvLine(values);
  }
  assert.deepEqual(csv.take(), Buffer.from(want, 'utf8'));
});

test('CsvBuffer.line writes every six-decimal score, and the cells beside it, as csvLine does', () => {
  const csv = new CsvBuffer(16);
  let want = '';
  for (let k = 0; k <= 1_000_000; k += k < 2000 ? 1 : 997) {
    const row: CsvValue[] = [k / 1e6, k % 2 === 0, k % 3 === 0 ? 'spam' : '-1', 'v12', '', null, -k / 1e6, k * 1e-12];
    csv.line(row);
    want += csvLine(row);
  }
  csv.line([1, 0, -0, 0.9999995, 1e21, NaN, 'a,b', '"q"', '=x', 'tab\there', '']);
  want += csvLine([1, 0, -0, 0.9999995, 1e21, NaN, 'a,b', '"q"', '=x', 'tab\there', '']);
  assert.equal(csv.take().toString('utf8'), want);
});
