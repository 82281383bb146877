import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Indicators } from '../indicators/index.js';
import { templateSummary, type SummaryInput } from './summary.js';

const NONE: Indicators = { urls: [], domains: [], emails: [], phones: [], amounts: [], wallets: [] };

test('the headline percentage is Math.round(risk × 100) written out, for every score and out-of-range ones', () => {
  const scores = [-0, 0, 0.004, 0.005, 0.015, 0.125, 0.994999, 0.995, 1, 1.5, -0.2, -0.004, NaN, Infinity];
  for (let i = 0; i <= 1000; i++) scores.push(i / 1000);
  for (const riskScore of scores) {
    const input: SummaryInput = { text: 'hi', label: 'benign', riskScore, severity: 'low', action: 'allow', tags: [], indicators: NONE };
    assert.equal(templateSummary(input), `Likely benign (risk ${Math.round(riskScore * 100)}%): no risky signals found.`, String(riskScore));
    assert.equal(templateSummary({ ...input, label: 'spam' }), `Likely spam (${Math.round(riskScore * 100)}%): the wording resembles known spam messages.`);
  }
  assert.equal(templateSummary({ text: 'x', label: 'phishing', riskScore: 0.987, severity: 'high', action: 'block', tags: [], indicators: NONE }),
    'Likely phishing (99%): the wording resembles known phishing messages.');
});
