import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { kolmogorovSf, ksFromHistograms, ksPValue, ksTwoSample } from './ks.js';

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-ks.json', import.meta.url), 'utf8')) as {
  cases: { a: number[]; b: number[]; statistic: number; kolmogorov_p: number }[];
  kolmogorov: { z: number; sf: number }[];
};

function close(a: number, b: number, tol: number, msg?: string) {
  assert.ok(Math.abs(a - b) <= tol, `${msg ?? ''} ${a} vs ${b}`);
}

test('kolmogorovSf matches scipy.special.kolmogorov across both series', () => {
  for (const { z, sf } of fixture.kolmogorov) close(kolmogorovSf(z), sf, 1e-10, `z=${z}`);
  assert.equal(kolmogorovSf(0), 1);
  assert.equal(kolmogorovSf(-1), 1);
  assert.equal(kolmogorovSf(40), 0);
  assert.ok(Number.isNaN(kolmogorovSf(Number.NaN)));
});

test('ksTwoSample: D equals scipy.stats.ks_2samp, p equals the asymptotic Kolmogorov tail', () => {
  for (const c of fixture.cases) {
    const r = ksTwoSample(c.a, c.b);
    close(r.statistic, c.statistic, 1e-12, 'D');
    close(r.pValue, c.kolmogorov_p, 1e-9, 'p');
    assert.equal(r.n, c.a.length);
    assert.equal(r.m, c.b.length);
  }
});

test('ksTwoSample: disjoint samples give D = 1; identical give D = 0 and p = 1', () => {
  assert.equal(ksTwoSample([1, 2, 3], [4, 5, 6]).statistic, 1);
  const same = ksTwoSample([3, 1, 2, 2], [2, 1, 3, 2]);
  assert.equal(same.statistic, 0);
  assert.equal(same.pValue, 1);
});

test('ksTwoSample: empty samples give NaN; inputs are not reordered', () => {
  const r = ksTwoSample([], [1]);
  assert.ok(Number.isNaN(r.statistic) && Number.isNaN(r.pValue));
  const a = [3, 1, 2];
  ksTwoSample(a, [0]);
  assert.deepEqual(a, [3, 1, 2]);
});

test('ksFromHistograms equals the raw-sample D when data only takes the bin values (integer fixture)', () => {
  const c = fixture.cases[3]; // rounded data
  const lo = Math.min(...c.a, ...c.b);
  const hi = Math.max(...c.a, ...c.b);
  const ha = new Float64Array(hi - lo + 1);
  const hb = new Float64Array(hi - lo + 1);
  for (const v of c.a) ha[v - lo]++;
  for (const v of c.b) hb[v - lo]++;
  const r = ksFromHistograms(ha, hb);
  close(r.statistic, c.statistic, 1e-12);
  close(r.pValue, c.kolmogorov_p, 1e-9);
});

test('ksFromHistograms: huge counts, empty sides, mismatched bins', () => {
  const r = ksFromHistograms([5e8, 5e8], [4e8, 6e8]);
  close(r.statistic, 0.1, 1e-12);
  assert.equal(r.pValue, 0);
  assert.ok(Number.isNaN(ksFromHistograms([0, 0], [1, 1]).statistic));
  assert.throws(() => ksFromHistograms([1], [1, 2]), RangeError);
});

test('ksPValue: large samples make a small D significant, small samples do not', () => {
  assert.ok(ksPValue(0.05, 10_000, 10_000) < 1e-9);
  assert.ok(ksPValue(0.05, 50, 50) > 0.99);
  assert.ok(Number.isNaN(ksPValue(0.1, 0, 10)));
});
