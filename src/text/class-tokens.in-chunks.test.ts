import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../data/random.js';
import { createChunks, splitWhitespace } from '../features/hashed-spans.js';
import { createClassTokenBuffer, detectClassTokens, detectClassTokensInChunks, mayHoldClassTokens } from './class-tokens.js';

// Pieces that make every kind of class token, ones that span chunks (a phone number with
// spaces, "150 pence") or end inside one, and plain words; joined by runs of ' '.
const PIECES = [
  'call', '+44', '(0)', '7700', '900-123!', '09061701461.', '£5', '£1,000.50', '150', 'pence', '12p', 'usd', '20',
  'www.free.co.uk.', 'https://evil.com/x?y=1,', 'bit.ly/abc', 'a@b', 'admin+x@bank.co.uk', '12345', '123456789',
  'i.e.', 'come.in', 'ok', 'the', 'prize!!', '2', '@home', ':', '.', '07781', '482378', '0800-123-4567x', '(07700)',
  '08717890890£1.50', '07700900123£5£6', '+447700900123www.x.com', '0800123456a@b.co', '99999£2', '12345.67890',
];

function runs(text: string) {
  const buf = createClassTokenBuffer(2);
  const n = detectClassTokens(text, buf);
  return { n, got: Array.from({ length: n }, (_, k) => [buf.kinds[k], buf.starts[k], buf.ends[k]]) };
}

test('detectClassTokensInChunks finds exactly what detectClassTokens finds, on 5,000 seeded texts whose only whitespace is spaces', () => {
  const rand = createRng(20261202);
  const chunks = createChunks(4);
  let matches = 0;
  for (let t = 0; t < 5000; t++) {
    const parts: string[] = [];
    for (let k = 1 + Math.floor(rand() * 12); k > 0; k--) parts.push(PIECES[Math.floor(rand() * PIECES.length)]);
    let text = rand() < 0.2 ? ' ' : '';
    for (const p of parts) text += p + ' '.repeat(1 + Math.floor(rand() * 2 * Number(rand() < 0.3)));
    const m = splitWhitespace(text, chunks);
    assert.equal(chunks.onlySpaces, true);
    const flagged = new Uint8Array(m);
    for (let j = 0; j < m; j++) flagged[j] = mayHoldClassTokens(text, chunks.starts[j], chunks.ends[j]) ? 1 : 0;
    const buf = createClassTokenBuffer(2);
    const n = detectClassTokensInChunks(text, chunks.starts, chunks.ends, flagged, m, buf);
    const want = runs(text);
    assert.equal(n, want.n, JSON.stringify(text));
    assert.deepEqual(Array.from({ length: n }, (_, k) => [buf.kinds[k], buf.starts[k], buf.ends[k]]), want.got, JSON.stringify(text));
    matches += n;
  }
  assert.ok(matches > 5000, `the texts hold class tokens (${matches})`);
});

test('splitWhitespace says when a separator other than a space was seen', () => {
  const chunks = createChunks();
  assert.equal(splitWhitespace('call  0800 123', chunks), 3);
  assert.equal(chunks.onlySpaces, true);
  assert.equal(splitWhitespace('call\n0800\u00a0123', chunks), 3);
  assert.equal(chunks.onlySpaces, false);
  assert.equal(splitWhitespace('a\u2003b', chunks), 2, 'an em space splits for Python');
  assert.equal(chunks.onlySpaces, false);
});
