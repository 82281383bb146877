import type { Principal } from './auth/api-keys.js';
import type { AppDeps } from './app-deps.js';
import type { Routing, ServedModel } from './model-holder.js';
import { preparePrediction } from '../storage/index.js';
import { tagText, type Tag } from '../rules/index.js';
import { routeToCanary } from '../rollout/index.js';
import { wardenError } from '../errors.js';
import type { ScoreResult } from './schemas.js';

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Rejects texts the service will not score, with the index of the first bad one. */
export function checkTexts(texts: readonly unknown[], maxLength: number): asserts texts is string[] {
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    const where = texts.length > 1 ? ` (texts[${i}])` : '';
    if (typeof t !== 'string') throw wardenError('INVALID_INPUT', `every text must be a string${where}`);
    if (t.trim().length === 0) throw wardenError('EMPTY_TEXT', `the text is empty${where}`);
    if (t.length > maxLength) throw wardenError('PAYLOAD_TOO_LARGE', `the text has ${t.length} characters; the limit is ${maxLength}${where}`);
  }
}

/**
 * Backpressure from the prediction log, awaited before scoring: null (no wait) unless the log
 * is on and its writer is too far behind a database that answers (see PredictionWriter.whenRoom).
 */
export function logRoom(deps: AppDeps): Promise<void> | null {
  return deps.config.logPredictions ? deps.stores.writer.whenRoom() : null;
}

/**
 * Waits out a `logRoom` wait, then asks again until there is room: waiters are released
 * together, and the first to go may fill the room again. Call it only with a non-null wait
 * (the common case makes no promise and no call).
 */
export async function untilLogRoom(deps: AppDeps, wait: Promise<void>): Promise<void> {
  for (let room: Promise<void> | null = wait; room !== null; room = logRoom(deps)) await room;
}

/**
 * Picks the model for one message: the canary for its share (a stable hash of the text, so the
 * same message always gets the same model), else production.
 */
export function answeringModel(routing: Routing, text: string): ServedModel {
  return routing.candidate && routeToCanary(text, routing.canaryShare) ? routing.candidate : routing.production;
}

/**
 * Scores with the chosen model; if a canary model throws, production answers instead and the
 * error is counted against the canary (the guard's error-rate rule), so no request fails.
 */
export function scoreRouted(deps: AppDeps, routing: Routing, text: string, tags: readonly Tag[], forExplain = false) {
  let served = answeringModel(routing, text);
  let p;
  try {
    p = served.detector.score(text, tags, forExplain);
  } catch (err) {
    if (served === routing.production) throw err;
    deps.counters?.failed(served.version);
    served = routing.production;
    p = served.detector.score(text, tags, forExplain);
  }
  deps.counters?.served(served.version);
  let shadowScore: number | null = null;
  let shadowVersion: string | null = null;
  const shadow = routing.shadow;
  if (shadow && shadow !== served) {
    try {
      const s = shadow.detector.score(text, tags);
      shadowScore = s.riskScore;
      shadowVersion = shadow.version;
      deps.counters?.shadowed(shadow.version, served.version, s.isThreat !== p.isThreat);
    } catch {
      // The shadow never affects answers, its failures included.
      deps.counters?.failed(shadow.version);
    }
  }
  return { served, p, shadowScore, shadowVersion };
}

/**
 * Scores texts with the routing in force at the moment of the call (one reference for the
 * whole request, so a hot swap never splits a batch), records every prediction — with the
 * version that answered and the shadow's score — through the buffered writer (never waiting
 * for the database) and updates the metrics.
 */
export function scoreTexts(deps: AppDeps, texts: readonly string[], opts: { explain: boolean; source: string; principal: Principal | null }): ScoreResult[] {
  const routing = deps.models.routing;
  const storeText = deps.config.storeText === 'full';
  const out: ScoreResult[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    const t0 = performance.now();
    const tags = tagText(text);
    const { served, p, shadowScore, shadowVersion } = scoreRouted(deps, routing, text, tags, opts.explain === true);
    const latencyUs = (performance.now() - t0) * 1000;
    const version = served.version;
    const record = preparePrediction(
      {
        text,
        riskScore: p.riskScore,
        label: p.label,
        isThreat: p.isThreat,
        threshold: p.threshold,
        modelVersion: version,
        tags: tags.map((t) => t.tag),
        latencyUs,
        source: opts.source,
        client: opts.principal?.keyId ?? null,
        shadowVersion,
        shadowScore,
      },
      { storeText, now: deps.clock?.() },
    );
    if (deps.config.logPredictions) deps.stores.writer.enqueue(record);
    deps.metrics.scores.observe(p.riskScore);
    deps.metrics.count.predictions(p.label, version);
    for (const t of tags) deps.metrics.count.tag(t.tag);
    const result: ScoreResult = {
      id: record.id,
      risk_score: round(p.riskScore),
      is_threat: p.isThreat,
      label: p.label,
      threshold: round(p.threshold),
      model_version: version,
    };
    if (opts.explain) {
      result.tags = tags;
      result.top_features = served.detector.explain(text, 6, tags).map((c) => ({
        feature: c.feature,
        contribution: round(c.contribution),
        direction: c.contribution >= 0 ? 'up' : 'down',
        spans: c.spans,
      }));
    }
    out[i] = result;
  }
  return out;
}
