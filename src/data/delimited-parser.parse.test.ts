import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DelimitedParser, parseDelimited } from './delimited-parser.js';

test('parseDelimited splits simple rows', () => {
  assert.deepEqual(parseDelimited('a,b,c\n1,2,3\n'), [['a', 'b', 'c'], ['1', '2', '3']]);
  assert.deepEqual(parseDelimited('a,,c,'), [['a', '', 'c', '']]);
});

test('parseDelimited: quoted commas, doubled quotes, newlines inside quotes', () => {
  const csv = 'label,text\nspam,"Win, now"\nham,"He said ""hi"""\nham,"two\nlines, here"\n';
  assert.deepEqual(parseDelimited(csv), [
    ['label', 'text'],
    ['spam', 'Win, now'],
    ['ham', 'He said "hi"'],
    ['ham', 'two\nlines, here'],
  ]);
});

test('parseDelimited: CRLF line ends, CRLF inside quotes becomes LF, BOM stripped', () => {
  assert.deepEqual(parseDelimited('\ufeffa,b\r\n"x\r\ny",2\r\n'), [['a', 'b'], ['x\ny', '2']]);
});

test('parseDelimited: empty quoted field and a quoted field of just quotes', () => {
  assert.deepEqual(parseDelimited('"",""""\n'), [['', '"']]);
});

test('parseDelimited is lenient about stray quotes, like Python csv', () => {
  assert.deepEqual(parseDelimited('a "b" c,d\n'), [['a "b" c', 'd']]);
  assert.deepEqual(parseDelimited('"ab"cd,e\n'), [['abcd', 'e']]);
});

test('parseDelimited closes an unterminated quote at the end of input', () => {
  assert.deepEqual(parseDelimited('a,"open\nmore'), [['a', 'open\nmore']]);
});

test('parseDelimited with tab and no quoting keeps quotes literally', () => {
  assert.deepEqual(parseDelimited('id\ttext\n1\t"quoted, not" really\n', '\t', false), [['id', 'text'], ['1', '"quoted, not" really']]);
});

test('parseDelimited of empty input gives no records', () => {
  assert.deepEqual(parseDelimited(''), []);
  assert.deepEqual(parseDelimited('\n'), []);
  assert.deepEqual(parseDelimited('a\n\nb'), [['a'], [''], ['b']]);
});

test('DelimitedParser reports an open quote across pushLine calls', () => {
  const p = new DelimitedParser(',', true);
  assert.equal(p.pushLine('1,"abc'), null);
  assert.equal(p.inQuotes, true);
  assert.equal(p.bufferedChars, 4);
  assert.equal(p.pushLine('def'), null);
  assert.deepEqual(p.pushLine('ghi",2'), ['1', 'abc\ndef\nghi', '2']);
  assert.equal(p.inQuotes, false);
  assert.equal(p.flush(), null);
});

test('parseDelimited handles a 2 MB quoted field and 50k rows', () => {
  const field = 'a,"b"\n'.repeat(350_000);
  const rows = parseDelimited(`"${field.replace(/"/g, '""')}",end\n`);
  assert.equal(rows.length, 1);
  assert.equal(rows[0][0].length, field.length);
  assert.equal(rows[0][1], 'end');
  const many = Array.from({ length: 50_000 }, (_, i) => `${i},"t ${i}, x"`).join('\n');
  const parsed = parseDelimited(many);
  assert.equal(parsed.length, 50_000);
  assert.deepEqual(parsed[49_999], ['49999', 't 49999, x']);
});
