// Seeded synthetic traffic for the monitoring tests (not a test file itself).
import { createRng } from '../data/random.js';
import { tagText } from '../rules/index.js';
import { preparePrediction, type NewPrediction } from '../storage/index.js';

const BENIGN = ['see you at 5 tonight', 'can you pick up milk on the way home', 'ok thanks, talk later', 'meeting moved to 3pm, room 12', 'happy birthday!! have a great day', 'I will call you when I land'];
const THREATS = [
  'URGENT: your account is suspended, verify now at http://bit.ly/x1 or lose access',
  'WINNER! You won a £1000 prize, call 09061234567 to claim today',
  'Your parcel is held, pay the 2.99 fee at www.parcel-fee.top',
  'Bank alert: confirm your password at https://secure-bank.login.xyz within 24 hours',
];

const tagCache = new Map<string, string[]>();
export function tagsOf(text: string): string[] {
  let t = tagCache.get(text);
  if (!t) tagCache.set(text, (t = tagText(text).map((x) => x.tag)));
  return t;
}

/** `n` texts and their risk scores: a `threatRate` share of threats scored high, the rest low. */
export function sampleTraffic(n: number, seed: number, opts: { threatRate?: number; scoreShift?: number } = {}): { texts: string[]; scores: Float64Array } {
  const rng = createRng(seed);
  const rate = opts.threatRate ?? 0.2;
  const texts: string[] = [];
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const threat = rng() < rate;
    const pool = threat ? THREATS : BENIGN;
    texts.push(pool[Math.floor(rng() * pool.length)]);
    const base = threat ? 0.6 + 0.4 * rng() : 0.4 * rng();
    scores[i] = Math.min(1, Math.max(0, base + (opts.scoreShift ?? 0)));
  }
  return { texts, scores };
}

/** Prediction records at `at` (+ i ms) for the given texts and scores. */
export function records(texts: string[], scores: Float64Array, at: Date, modelVersion = 'v1'): NewPrediction[] {
  return texts.map((text, i) =>
    preparePrediction(
      { text, riskScore: scores[i], label: scores[i] >= 0.5 ? 'spam' : 'benign', isThreat: scores[i] >= 0.5, threshold: 0.5, modelVersion, tags: tagsOf(text), latencyUs: 100, source: 'test' },
      { storeText: true, now: new Date(at.getTime() + i) },
    ),
  );
}
