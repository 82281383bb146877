import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { binomialHalfCdf, mcnemar, mcnemarPaired, MCNEMAR_EXACT_BELOW } from './mcnemar.js';

interface Fixture {
  mcnemar: { b: number; c: number; exact_p: number; chi2_stat: number; chi2_p: number }[];
}
const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/mcnemar-bootstrap.json', import.meta.url), 'utf8')) as Fixture;

const close = (a: number, b: number, rel: number, what: string) =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-300), `${what}: ${a} vs ${b}`);

test('exact McNemar p-values match scipy binomtest for every fixture pair', () => {
  for (const f of fixture.mcnemar) {
    const r = mcnemar(f.b, f.c, { exact: true });
    assert.equal(r.method, 'exact');
    assert.equal(r.statistic, Math.min(f.b, f.c));
    close(r.pValue, f.exact_p, 1e-9, `exact b=${f.b} c=${f.c}`);
  }
});

test('corrected chi-square McNemar matches scipy chi2.sf (statistic exactly, p to 1e-6 relative)', () => {
  for (const f of fixture.mcnemar) {
    const r = mcnemar(f.b, f.c, { exact: false });
    assert.equal(r.method, 'chi2-corrected');
    close(r.statistic, f.chi2_stat, 1e-12, `stat b=${f.b} c=${f.c}`);
    if (f.chi2_p > 1e-12) close(r.pValue, f.chi2_p, 1e-6, `p b=${f.b} c=${f.c}`);
    else assert.ok(r.pValue < 1e-11);
  }
});

test('the method is chosen by the number of discordant pairs', () => {
  assert.equal(mcnemar(10, 2).method, 'exact');
  assert.equal(mcnemar(12, MCNEMAR_EXACT_BELOW - 13).method, 'exact');
  assert.equal(mcnemar(13, MCNEMAR_EXACT_BELOW - 13).method, 'chi2-corrected');
  // textbook: 10 vs 2 discordant → exact p = 2 · (1 + 12 + 66) / 4096
  close(mcnemar(10, 2).pValue, (2 * 79) / 4096, 1e-12, 'textbook');
});

test('no discordant pairs gives p = 1; symmetric counts give p = 1', () => {
  assert.deepEqual(mcnemar(0, 0), { b: 0, c: 0, statistic: 0, pValue: 1, method: 'exact' });
  assert.equal(mcnemar(7, 7).pValue, 1);
  assert.equal(mcnemar(700, 700).pValue, 1);
});

test('huge counts stay finite and tiny', () => {
  const r = mcnemar(200_000, 100_000, { exact: true });
  assert.ok(r.pValue >= 0 && r.pValue < 1e-300);
  const chi = mcnemar(200_000, 100_000);
  assert.equal(chi.pValue, 0);
  close(chi.statistic, 99_999 ** 2 / 300_000, 1e-12, 'huge statistic');
});

test('bad counts are refused', () => {
  assert.throws(() => mcnemar(-1, 2), { code: 'INVALID_INPUT' });
  assert.throws(() => mcnemar(1.5, 2), { code: 'INVALID_INPUT' });
  assert.throws(() => mcnemar(Number.NaN, 2), { code: 'INVALID_INPUT' });
});

test('paired predictions count only the discordant rows', () => {
  const a = Uint8Array.from([1, 1, 1, 0, 0, 1, 0]);
  const b = Uint8Array.from([1, 0, 0, 1, 0, 1, 0]);
  const r = mcnemarPaired(a, b);
  assert.equal(r.b, 2);
  assert.equal(r.c, 1);
  close(r.pValue, 1, 1e-12, 'p');
  assert.throws(() => mcnemarPaired(a, b.subarray(1)), { code: 'INVALID_INPUT' });
  assert.equal(mcnemarPaired(new Uint8Array(0), new Uint8Array(0)).pValue, 1);
});

test('binomial cdf on known values', () => {
  close(binomialHalfCdf(2, 12), 79 / 4096, 1e-12, 'cdf');
  close(binomialHalfCdf(0, 20), 2 ** -20, 1e-12, 'cdf(0)');
  assert.equal(binomialHalfCdf(-1, 5), 0);
  assert.equal(binomialHalfCdf(5, 5), 1);
});
