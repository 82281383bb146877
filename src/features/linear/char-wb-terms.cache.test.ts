import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CharWbAnalyzer } from '../char-wb-analyzer.js';
import { createGramBuffer } from '../gram-buffer.js';
import { hashString } from '../ngram-hash.js';
import { NgramTable } from '../ngram-table.js';
import { WordColumnCache } from '../word-column-cache.js';
import { CharWbTerms } from './char-wb-terms.js';
import { PlainIndex } from './gram-index.js';
import { TermAccumulator } from './term-accumulator.js';

const CORPUS = [
  'free entry in 2 a wkly comp to win fa cup final',
  'urgent! you have won a £1,000 cash prize. call 09061701461 now!!',
  'ok lar joking wif u oni',
  'win win win claim your free prize at http://bit.ly/abc123',
  '😀 emoji 𝐛𝐨𝐥𝐝 naïve café',
  'tab\tseparated  double\u00a0spaces\n\nnewlines',
];

/** A table holding every char_wb 2–5-gram of the corpus, payload = 1 + column / 1000. */
function buildTable(): NgramTable {
  const analyzer = new CharWbAnalyzer(2, 5, false);
  const g = createGramBuffer();
  const table = new NgramTable(64);
  for (const text of CORPUS) {
    const n = analyzer.analyze(text, g);
    for (let i = 0; i < n; i++) {
      const id = table.add(g.h1[i], g.h2[i]);
      table.setPayload(id, 1 + id / 1000);
    }
  }
  return table;
}

/** Reference counts: analyse, then look every gram up (no cache). */
function directCounts(table: NgramTable, text: string): Map<number, number> {
  const analyzer = new CharWbAnalyzer(2, 5, false);
  const g = createGramBuffer();
  const n = analyzer.analyze(text, g);
  const m = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const col = table.get(g.h1[i], g.h2[i]);
    if (col >= 0) m.set(col, (m.get(col) ?? 0) + 1);
  }
  return m;
}

/** The accumulator's terms as column → [count, idf]. */
function drain(acc: TermAccumulator): Map<number, [number, number]> {
  const m = new Map<number, [number, number]>();
  for (let k = 0; k < acc.size; k++) m.set(acc.keys[k], [acc.count(acc.keys[k]), acc.idf(acc.keys[k])]);
  return m;
}

function assertSameCounts(got: Map<number, [number, number]>, want: Map<number, number>, table: NgramTable, label: string): void {
  assert.equal(got.size, want.size, `${label}: distinct columns`);
  for (const [col, count] of want) {
    const entry = got.get(col);
    assert.ok(entry, `${label}: column ${col} missing`);
    assert.equal(entry[0], count, `${label}: count of column ${col}`);
    assert.ok(Math.abs(entry[1] - table.payload(col)) < 1e-7, `${label}: factor of column ${col}`);
  }
}

test('cached counts equal direct analysis, cold and warm, including unseen words', () => {
  const table = buildTable();
  const wb = new CharWbTerms(new PlainIndex(table), 2, 5, false);
  const counter = new TermAccumulator(new PlainIndex(table), true, true);
  const texts = [...CORPUS, 'never seen words zzqx win', '', '   ', 'win'];
  for (const round of ['cold', 'warm']) {
    for (const text of texts) {
      wb.addTo(text, counter);
      assertSameCounts(drain(counter), directCounts(table, text), table, `${round} ${JSON.stringify(text)}`);
    }
  }
  // 'win' appears in several texts but is one cache entry
  assert.ok(wb.cache.size > 0 && wb.cache.size <= new Set(texts.join(' ').split(/\s+/).filter(Boolean)).size);
});

test('a tiny cache stays within its bound, clears when full and still counts exactly', () => {
  const table = buildTable();
  const cache = new WordColumnCache(3, 64);
  const wb = new CharWbTerms(new PlainIndex(table), 2, 5, false, cache);
  const counter = new TermAccumulator(new PlainIndex(table), true, true);
  for (let round = 0; round < 3; round++) {
    for (const text of CORPUS) {
      wb.addTo(text, counter);
      assertSameCounts(drain(counter), directCounts(table, text), table, `round ${round}`);
      assert.ok(cache.size <= 3, `cache holds ${cache.size} words`);
    }
  }
});

test('a 100 KB text: one huge word bypasses the cache, many words share entries', () => {
  const table = buildTable();
  const cache = new WordColumnCache(1000, 4096);
  const wb = new CharWbTerms(new PlainIndex(table), 2, 5, false, cache);
  const counter = new TermAccumulator(new PlainIndex(table), true, true);

  const huge = 'win'.repeat(34_000); // one 102k-char word, far more grams than a quarter arena
  wb.addTo(huge, counter);
  const got = drain(counter);
  assertSameCounts(got, directCounts(table, huge), table, 'huge word');
  assert.equal(cache.size, 0, 'the huge word was not cached');
  // ' w', 'wi', 'in', 'n ' and so on: 'in' occurs once per repeat
  const pair = new Int32Array(2);
  hashString('in', pair);
  assert.equal(got.get(table.get(pair[0], pair[1]))?.[0], 34_000);

  const many = 'win free prize '.repeat(7_000); // 105k chars, 3 distinct words
  wb.addTo(many, counter);
  const got2 = drain(counter);
  assertSameCounts(got2, directCounts(table, many), table, 'many words');
  assert.equal(cache.size, 3);
  hashString(' win ', pair);
  assert.equal(got2.get(table.get(pair[0], pair[1]))?.[0], 7_000);
});

test('class tokens of a char_wb part are counted once per match when in the vocabulary', () => {
  const table = buildTable();
  const pair = new Int32Array(2);
  hashString('__number__', pair);
  const col = table.add(pair[0], pair[1]);
  table.setPayload(col, 2.5);
  const wb = new CharWbTerms(new PlainIndex(table), 2, 5, true);
  const counter = new TermAccumulator(new PlainIndex(table), true, true);
  wb.addTo('txt 87121 or 99999 to win', counter);
  const got = drain(counter);
  assert.deepEqual(got.get(col), [2, 2.5]);
});
