import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWardenError } from '../errors.js';
import { readLineBatches, type PhysicalLine } from './line-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-lines-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function all(path: string, chunkBytes?: number, maxLineBytes?: number): Promise<PhysicalLine[]> {
  const out: PhysicalLine[] = [];
  for await (const batch of readLineBatches(path, { chunkBytes, maxLineBytes })) out.push(...batch);
  return out;
}

test('readLineBatches splits LF and CRLF lines, strips the BOM, keeps a last line without newline', async () => {
  const lines = await all(file('a.txt', '\ufeffone\r\ntwo\n\nthree'));
  assert.deepEqual(lines.map((l) => [l.line, l.text, l.invalidUtf8]), [[1, 'one', false], [2, 'two', false], [3, '', false], [4, 'three', false]]);
});

test('readLineBatches decodes multi-byte characters split across tiny chunks', async () => {
  const text = 'café ☕ 😀\nœuvre €5\n';
  for (const chunk of [1, 2, 3, 5]) {
    const lines = await all(file(`mb${chunk}.txt`, text), chunk);
    assert.deepEqual(lines.map((l) => l.text), ['café ☕ 😀', 'œuvre €5'], `chunk ${chunk}`);
  }
});

test('readLineBatches flags invalid UTF-8 on its own line and accepts literal U+FFFD', async () => {
  const bytes = Buffer.concat([Buffer.from('ok\ndamaged \ufffd is fine\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from('\nlast\n')]);
  const lines = await all(file('bad.txt', bytes));
  assert.deepEqual(lines.map((l) => l.invalidUtf8), [false, false, true, false]);
  assert.equal(lines[2].line, 3);
  assert.equal(lines[1].text, 'damaged \ufffd is fine');
});

test('readLineBatches of an empty file yields nothing', async () => {
  assert.deepEqual(await all(file('empty.txt', '')), []);
});

test('readLineBatches refuses a line longer than maxLineBytes, naming file and line', async () => {
  const p = file('long.txt', 'short\n' + 'x'.repeat(5000) + '\n');
  await assert.rejects(all(p, 1024, 2048), (err: unknown) => isWardenError(err) && err.code === 'BAD_DATA' && err.message.includes('long.txt:2:'));
});

test('readLineBatches on a missing file is BAD_DATA naming the file', async () => {
  await assert.rejects(all(join(dir, 'nope.txt')), (err: unknown) => isWardenError(err) && err.code === 'BAD_DATA' && err.message.includes('nope.txt'));
});

test('readLineBatches counts 200k lines', async () => {
  const p = file('many.txt', Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join('\n') + '\n');
  const lines = await all(p);
  assert.equal(lines.length, 200_000);
  assert.equal(lines[199_999].text, 'line 199999');
  assert.equal(lines[199_999].line, 200_000);
});

test('readLineBatches gives the same lines whether a chunk holds many lines (decoded at once) or a few bytes', async () => {
  const parts: Buffer[] = [Buffer.from('\ufeffhead\r\n')];
  for (let i = 0; i < 3000; i++) {
    if (i % 997 === 5) parts.push(Buffer.from(`bad ${i} `), Buffer.from([0xe2, 0x82]), Buffer.from('\r\n'));
    else parts.push(Buffer.from(i % 3 === 0 ? `café ${i} ☕\r\n` : i % 3 === 1 ? `\ufeffnot a BOM ${i}\n` : `\n`));
  }
  parts.push(Buffer.from('tail without newline 😀'));
  const p = file('mixed.txt', Buffer.concat(parts));
  const whole = await all(p);
  assert.equal(whole.length, 3002);
  assert.deepEqual(whole[0], { text: 'head', line: 1, invalidUtf8: false });
  assert.equal(whole[2].text, '\ufeffnot a BOM 1', 'a BOM after line 1 is text');
  assert.deepEqual(whole.filter((l) => l.invalidUtf8).map((l) => l.line), [7, 1004, 2001, 2998]);
  for (const chunk of [5, 64, 4096]) assert.deepEqual(await all(p, chunk), whole, `chunk ${chunk}`);
});
