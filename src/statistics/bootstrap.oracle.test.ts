import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bootstrapCi, quantileSorted } from './bootstrap.js';

interface Fixture {
  bootstrap_mean: { x: number[]; mean: number; lower: number; upper: number; se: number };
  law_school: { lsat: number[]; gpa: number[]; r: number; lower: number; upper: number; se: number };
}
const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/mcnemar-bootstrap.json', import.meta.url), 'utf8')) as Fixture;

test('percentile interval of a mean matches scipy.stats.bootstrap within Monte Carlo error', () => {
  const { x, mean, lower, upper, se } = fixture.bootstrap_mean;
  const stat = (idx: Int32Array) => {
    let s = 0;
    for (let i = 0; i < idx.length; i++) s += x[idx[i]];
    return s / idx.length;
  };
  const ci = bootstrapCi(x.length, stat, { resamples: 20000, seed: 11 });
  assert.ok(Math.abs(ci.estimate - mean) < 1e-12);
  // each bound is a quantile estimate with sd ≈ se/10 at 20k resamples: allow 0.15 se
  assert.ok(Math.abs(ci.lower - lower) < 0.15 * se, `lower ${ci.lower} vs ${lower}`);
  assert.ok(Math.abs(ci.upper - upper) < 0.15 * se, `upper ${ci.upper} vs ${upper}`);
  assert.equal(ci.level, 0.95);
  assert.equal(ci.resamples, 20000);
});

test("Efron & Tibshirani's law-school correlation: paired resampling reproduces scipy's interval", () => {
  const { lsat, gpa, r, lower, upper } = fixture.law_school;
  const corr = (idx: Int32Array) => {
    let ma = 0;
    let mb = 0;
    for (const i of idx) (ma += lsat[i]), (mb += gpa[i]);
    ma /= idx.length;
    mb /= idx.length;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (const i of idx) {
      sab += (lsat[i] - ma) * (gpa[i] - mb);
      saa += (lsat[i] - ma) ** 2;
      sbb += (gpa[i] - mb) ** 2;
    }
    return sab / Math.sqrt(saa * sbb);
  };
  const ci = bootstrapCi(lsat.length, corr, { resamples: 20000, seed: 3 });
  assert.ok(Math.abs(ci.estimate - 0.7764) < 1e-4, `r = ${ci.estimate}`);
  assert.ok(Math.abs(ci.estimate - r) < 1e-12);
  assert.ok(Math.abs(ci.lower - lower) < 0.03, `lower ${ci.lower} vs ${lower}`);
  assert.ok(Math.abs(ci.upper - upper) < 0.01, `upper ${ci.upper} vs ${upper}`);
});

test('the same seed gives the same interval; another seed a slightly different one', () => {
  const x = [3, 1, 4, 1, 5, 9, 2, 6];
  const mean = (idx: Int32Array) => idx.reduce((s, i) => s + x[i], 0) / idx.length;
  const a = bootstrapCi(x.length, mean, { seed: 5 });
  assert.deepEqual(bootstrapCi(x.length, mean, { seed: 5 }), a);
  assert.notDeepEqual(bootstrapCi(x.length, mean, { seed: 6 }), a);
  assert.ok(a.lower <= a.estimate && a.estimate <= a.upper);
});

test('constant data gives a zero-width interval; one row works', () => {
  const ci = bootstrapCi(50, () => 0.25, { resamples: 200 });
  assert.deepEqual([ci.estimate, ci.lower, ci.upper], [0.25, 0.25, 0.25]);
  const one = bootstrapCi(1, (idx) => idx[0] * 10 + 7, { resamples: 10 });
  assert.deepEqual([one.lower, one.upper], [7, 7]);
});

test('resamples where the statistic is NaN are left out and counted', () => {
  // recall of [pos, neg×9]: a resample without the positive row has no recall
  const y = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const recall = (idx: Int32Array) => {
    let pos = 0;
    for (const i of idx) pos += y[i];
    return pos === 0 ? Number.NaN : 1;
  };
  const ci = bootstrapCi(y.length, recall, { resamples: 2000, seed: 1 });
  // P(no positive in 10 draws) = 0.9^10 ≈ 0.349 → about 1,303 of 2,000 kept
  assert.ok(Math.abs(ci.resamples - 2000 * (1 - 0.9 ** 10)) < 90, `kept ${ci.resamples}`);
  assert.equal(ci.lower, 1);
  const none = bootstrapCi(3, () => Number.NaN, { resamples: 5 });
  assert.equal(none.resamples, 0);
  assert.ok(Number.isNaN(none.lower) && Number.isNaN(none.upper));
});

test('bad options are refused', () => {
  const f = () => 1;
  assert.throws(() => bootstrapCi(0, f), { code: 'INVALID_INPUT' });
  assert.throws(() => bootstrapCi(5, f, { resamples: 0 }), { code: 'INVALID_INPUT' });
  assert.throws(() => bootstrapCi(5, f, { alpha: 1 }), { code: 'INVALID_INPUT' });
  assert.throws(() => bootstrapCi(5, f, { alpha: Number.NaN }), { code: 'INVALID_INPUT' });
});

test('quantileSorted interpolates like numpy.percentile', () => {
  const s = Float64Array.from([1, 2, 3, 4]);
  assert.equal(quantileSorted(s, 0), 1);
  assert.equal(quantileSorted(s, 1), 4);
  assert.ok(Math.abs(quantileSorted(s, 0.5) - 2.5) < 1e-15);
  assert.ok(Math.abs(quantileSorted(s, 0.1) - 1.3) < 1e-12);
  assert.ok(Number.isNaN(quantileSorted(new Float64Array(0), 0.5)));
});
