import type { PredictionRecord } from '../prediction-record.js';
import { textSha256 } from '../prediction-record.js';
import { timeOrderedId } from '../time-ordered-id.js';

/** A complete prediction with plausible values; override what a case cares about. */
export function makePrediction(overrides: Partial<PredictionRecord> = {}): PredictionRecord {
  const text = overrides.text === undefined ? `hello ${Math.random()}` : overrides.text;
  const createdAt = overrides.createdAt ?? new Date('2025-01-01T00:00:00.000Z');
  return {
    id: timeOrderedId(createdAt.getTime()),
    createdAt,
    text,
    textSha256: textSha256(text ?? 'hash-only'),
    textLength: text?.length ?? 9,
    riskScore: 0.25,
    label: 'ham',
    isThreat: false,
    threshold: 0.5,
    modelVersion: 'v1',
    tags: [],
    latencyUs: 150,
    source: 'api',
    client: null,
    shadowVersion: null,
    shadowScore: null,
    ...overrides,
  };
}

/** Polls until `check()` is true; fails after `limitMs` (a guard against hanging, not a timing assertion). */
export async function waitFor(check: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Newest first by (created_at, id), the order every list returns. */
export function byNewest(a: PredictionRecord, b: PredictionRecord): number {
  const t = b.createdAt.getTime() - a.createdAt.getTime();
  return t !== 0 ? t : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
