import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * What the serving path counts for the rollout: per-version requests and scoring errors (the
 * guard's error-rate rule reads them), and shadow agreement, on the app's own Prometheus registry.
 */
export interface RolloutCounters {
  /** One prediction answered by `version`. */
  served(version: string): void;
  /** `version` failed to score a message (the request was answered by production instead). */
  failed(version: string): void;
  /** The shadow scored a message; `disagree` when its verdict (threat or not) differs. */
  shadowed(shadowVersion: string, servedVersion: string, disagree: boolean): void;
  /** Requests and errors per version since the process started. */
  snapshot(): Record<string, { requests: number; errors: number }>;
  readonly shareGauge: Gauge;
}

/** Creates the counters and registers the Prometheus instruments on `registry`. */
export function createRolloutCounters(registry: Registry): RolloutCounters {
  const shadowTotal = new Counter({ name: 'warden_shadow_predictions_total', help: 'Messages the shadow model also scored', labelNames: ['shadow_version'], registers: [registry] });
  const disagreements = new Counter({
    name: 'warden_shadow_disagreements_total',
    help: 'Messages where the shadow model and the answering model disagree on threat vs not',
    labelNames: ['shadow_version', 'model_version'],
    registers: [registry],
  });
  const errors = new Counter({ name: 'warden_model_errors_total', help: 'Scoring errors by model version (answered by production instead)', labelNames: ['model_version'], registers: [registry] });
  // every cluster worker routes by the same share: merged by max, not summed
  const shareGauge = new Gauge({ name: 'warden_canary_share', help: 'Share of traffic routed to the candidate (canary)', labelNames: ['version'], aggregator: 'max', registers: [registry] });
  const counts = new Map<string, { requests: number; errors: number }>();
  const entry = (v: string) => {
    let e = counts.get(v);
    if (!e) counts.set(v, (e = { requests: 0, errors: 0 }));
    return e;
  };
  return {
    served: (v) => {
      entry(v).requests++;
    },
    failed: (v) => {
      entry(v).errors++;
      errors.inc({ model_version: v });
    },
    shadowed: (shadowVersion, servedVersion, disagree) => {
      shadowTotal.inc({ shadow_version: shadowVersion });
      if (disagree) disagreements.inc({ shadow_version: shadowVersion, model_version: servedVersion });
    },
    snapshot: () => Object.fromEntries([...counts].map(([v, e]) => [v, { ...e }])),
    shareGauge,
  };
}
