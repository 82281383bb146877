import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chiSquareContingency, chiSquareSf, twoProportionTest } from './chi-square.js';
import { normalSf } from './normal.js';
import { logGamma } from './gamma.js';

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-chi-square.json', import.meta.url), 'utf8')) as {
  contingency: { table: number[][]; yates: boolean; statistic: number; p: number; dof: number }[];
  sf: { x: number; dof: number; sf: number }[];
  normal_sf: { z: number; sf: number }[];
  two_proportion: { x1: number; n1: number; x2: number; n2: number; p: number; z_squared: number }[];
};

function rel(a: number, b: number, tol: number, msg = '') {
  assert.ok(Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1e-300), `${msg} ${a} vs ${b}`);
}

test('chiSquareContingency matches scipy.stats.chi2_contingency (with and without Yates)', () => {
  for (const c of fixture.contingency) {
    const r = chiSquareContingency(c.table, c.yates);
    rel(r.statistic, c.statistic, 1e-12, 'stat');
    rel(r.pValue, c.p, 1e-9, 'p');
    assert.equal(r.dof, c.dof);
  }
});

test('chiSquareSf matches scipy.stats.chi2.sf over small and large dof', () => {
  for (const c of fixture.sf) rel(chiSquareSf(c.x, c.dof), c.sf, 1e-9, `x=${c.x} dof=${c.dof}`);
  assert.equal(chiSquareSf(0, 3), 1);
  assert.ok(Number.isNaN(chiSquareSf(1, 0)));
  assert.ok(chiSquareSf(5000, 1) === 0 || chiSquareSf(5000, 1) < 1e-300);
});

test('normalSf matches scipy.stats.norm.sf, including the far tail', () => {
  for (const c of fixture.normal_sf) rel(normalSf(c.z), c.sf, 1e-9, `z=${c.z}`);
});

test('twoProportionTest: p equals the uncorrected 2×2 chi-square, z² its statistic', () => {
  for (const c of fixture.two_proportion) {
    const r = twoProportionTest(c.x1, c.n1, c.x2, c.n2);
    rel(r.pValue, c.p, 1e-9, 'p');
    rel(r.z * r.z, c.z_squared, 1e-9, 'z²');
    rel(r.difference, c.x2 / c.n2 - c.x1 / c.n1, 1e-15, 'diff');
  }
});

test('twoProportionTest: degenerate and invalid inputs', () => {
  assert.deepEqual(twoProportionTest(0, 10, 0, 20), { difference: 0, z: 0, pValue: 1 });
  assert.ok(Number.isNaN(twoProportionTest(1, 0, 1, 2).pValue));
  assert.ok(Number.isNaN(twoProportionTest(5, 4, 1, 2).pValue));
  // A large, genuinely equal sample is not significant.
  assert.ok(twoProportionTest(100_000, 1_000_000, 100_000, 1_000_000).pValue === 1);
});

test('chiSquareContingency rejects tables that are too small, ragged or negative', () => {
  assert.throws(() => chiSquareContingency([[1, 2]]), RangeError);
  assert.throws(() => chiSquareContingency([[1, 2], [3]]), RangeError);
  assert.throws(() => chiSquareContingency([[1, -2], [3, 4]]), RangeError);
  assert.ok(Number.isNaN(chiSquareContingency([[0, 0], [0, 0]]).pValue));
});

test('logGamma: Γ(n) = (n−1)! and Γ(1/2) = √π', () => {
  rel(Math.exp(logGamma(5)), 24, 1e-13);
  rel(Math.exp(logGamma(0.5)), Math.sqrt(Math.PI), 1e-13);
  rel(logGamma(171), 706.5730622457874, 1e-13);
});
