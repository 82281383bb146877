/**
 * A deterministic, real function of the text for runner tests (the runner must not care what
 * scoring means): the score is the text length over 100, capped at 1, and empty texts get an
 * error like the detector gives them. It counts how many times each text was scored.
 */
import { preparePrediction } from '../../storage/index.js';
import type { RowOutcome, ScoreTexts } from '../row-outcome.js';

export interface LengthOutput {
  risk_score: number;
  length: number;
}

export function expectedOutcome(text: string): RowOutcome {
  if (text.trim().length === 0) return { output: null, error: 'empty text' };
  return { output: { risk_score: Math.min(1, text.length / 100), length: text.length } satisfies LengthOutput };
}

export interface CountingScorer {
  score: ScoreTexts;
  /** Times each text was scored (texts in tests are unique). */
  counts: Map<string, number>;
  total(): number;
}

/** A length scorer; with `delayMs`, each chunk waits that long first so runners interleave. */
export function lengthScorer(delayMs = 0): CountingScorer {
  const counts = new Map<string, number>();
  const score: ScoreTexts = async (texts) => {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    return texts.map((t) => {
      counts.set(t, (counts.get(t) ?? 0) + 1);
      return withHistory(t, expectedOutcome(t));
    });
  };
  return { score, counts, total: () => [...counts.values()].reduce((a, b) => a + b, 0) };
}

/** Unique texts of varied lengths; every `emptyEvery`-th is blank (scored with an error). */
export function makeTexts(n: number, emptyEvery = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (emptyEvery > 0 && i % emptyEvery === emptyEvery - 1) out.push(' '.repeat(1 + i)); // unique blanks, so counts stay per row
    else out.push(`msg ${i} ${'x'.repeat(i % 150)}`);
  }
  return out;
}

/** A scored row's prediction-history record, as detectorScorer makes them (a fresh id each time it is scored). */
function withHistory(text: string, outcome: RowOutcome): RowOutcome {
  if (outcome.error) return outcome;
  const risk = (outcome.output as LengthOutput).risk_score;
  const prediction = preparePrediction(
    { text, riskScore: risk, label: risk >= 0.5 ? 'spam' : 'benign', isThreat: risk >= 0.5, threshold: 0.5, modelVersion: 'length', tags: [], latencyUs: 1, source: 'job', client: null, shadowVersion: null, shadowScore: null },
    { storeText: true },
  );
  return { ...outcome, prediction };
}
