/**
 * When to retrain: after N new analyst labels, or when monitoring raises a drift or performance
 * alert — whichever comes first, but never twice within the cool-down.
 */
import { wardenError } from '../errors.js';

export interface RetrainPolicyConfig {
  /** Retrain once this many labels arrived since the last retraining (null: never for this reason). */
  minNewLabels: number | null;
  /** Retrain when score drift reaches this band ('act' by default; null: ignore drift). */
  driftBand: 'watch' | 'act' | null;
  /** Retrain on a performance alert (TPR/FPR/precision floor crossed). */
  onPerformanceAlert: boolean;
  /** No retraining within this many hours of the last one. */
  coolDownHours: number;
}

export const DEFAULT_RETRAIN_POLICY: Readonly<RetrainPolicyConfig> = Object.freeze({ minNewLabels: 200, driftBand: 'act', onPerformanceAlert: true, coolDownHours: 24 });

/** What the policy looks at. */
export interface RetrainState {
  now: Date;
  lastRetrainAt: Date | null;
  newLabels: number;
  driftBand: 'stable' | 'watch' | 'act' | 'no_data';
  performanceAlert: boolean;
}

export interface RetrainDecision {
  retrain: boolean;
  reasons: string[];
}

export class RetrainPolicy {
  readonly config: Readonly<RetrainPolicyConfig>;

  constructor(config: Partial<RetrainPolicyConfig> = {}) {
    const c = { ...DEFAULT_RETRAIN_POLICY, ...config };
    if (c.minNewLabels !== null && !(Number.isInteger(c.minNewLabels) && c.minNewLabels > 0)) {
      throw wardenError('INVALID_INPUT', `minNewLabels must be a positive integer or null, got ${c.minNewLabels}`);
    }
    if (!(c.coolDownHours >= 0)) throw wardenError('INVALID_INPUT', `coolDownHours must be ≥ 0, got ${c.coolDownHours}`);
    if (c.driftBand !== null && c.driftBand !== 'watch' && c.driftBand !== 'act') throw wardenError('INVALID_INPUT', `driftBand must be watch, act or null`);
    this.config = Object.freeze(c);
  }

  /** Whether to retrain now, with every reason that applies (empty when not). */
  shouldRetrain(state: RetrainState): RetrainDecision {
    const c = this.config;
    const reasons: string[] = [];
    if (c.minNewLabels !== null && state.newLabels >= c.minNewLabels) reasons.push(`${state.newLabels} new labels (≥ ${c.minNewLabels})`);
    const bandRank = { no_data: 0, stable: 0, watch: 1, act: 2 } as const;
    if (c.driftBand !== null && bandRank[state.driftBand] >= bandRank[c.driftBand]) reasons.push(`score drift in band '${state.driftBand}'`);
    if (c.onPerformanceAlert && state.performanceAlert) reasons.push('performance alert');
    if (reasons.length === 0) return { retrain: false, reasons };
    if (state.lastRetrainAt && state.now.getTime() - state.lastRetrainAt.getTime() < c.coolDownHours * 3_600_000) {
      return { retrain: false, reasons: [`cool-down: last retraining at ${state.lastRetrainAt.toISOString()} (${reasons.join('; ')})`] };
    }
    return { retrain: true, reasons };
  }
}
