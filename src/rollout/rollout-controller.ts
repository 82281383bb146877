import type { Kysely } from 'kysely';
import { wardenError } from '../errors.js';
import type { DeploymentEvent, DeploymentRegistry, RolloutState } from '../registry/model-registry.js';
import type { NewAuditEntry, Schema } from '../storage/index.js';
import { checkShare } from './canary-assignment.js';
import { armStatsSince } from './guard-stats.js';
import { DEFAULT_GUARD_POLICY, evaluateGuard, type ArmStats, type GuardDecision, type GuardPolicy } from './guard.js';
import type { RolloutCounters } from './live-counts.js';

/** What the controller works with; `db` (the local database) is needed only by the guard. */
export interface RolloutControllerDeps {
  registry: DeploymentRegistry;
  audit: { append(entry: NewAuditEntry): Promise<unknown> };
  db?: Kysely<Schema> | null;
  /** Instead of `db`: the guard's SQL figures from elsewhere (a cluster worker asks the primary). */
  armStats?: (versions: readonly string[], since: Date) => Promise<Map<string, Omit<ArmStats, 'errors'>>>;
  counters?: RolloutCounters | null;
  /** Called after every change so this process serves the new state at once (others poll). */
  onChange?: () => Promise<unknown>;
  guard?: Partial<GuardPolicy>;
}

/** The guard's verdict plus what it acted on. */
export interface GuardCheck extends GuardDecision {
  checked: boolean;
  production: string | null;
  candidate: string | null;
  since: string | null;
  event: DeploymentEvent | null;
}

/**
 * Shadow → canary steps → promotion, or abort, each step recorded in the deployment history
 * and the audit log; plus the guard that ends a canary automatically when its live figures
 * are worse than production's.
 */
export class RolloutController {
  readonly policy: GuardPolicy;
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: RolloutControllerDeps) {
    this.policy = { ...DEFAULT_GUARD_POLICY, ...deps.guard };
  }

  status(at?: Date): Promise<RolloutState> {
    return this.deps.registry.rollout(at);
  }

  async #after(actor: string, action: string, event: DeploymentEvent, details: Record<string, unknown> = {}): Promise<RolloutState> {
    await this.deps.audit.append({ actor, action: `rollout.${action}`, subject: event.to ?? event.from ?? null, details: { ...event, ...details } });
    await this.deps.onChange?.();
    return this.status();
  }

  /** The version scores every request silently (null stops shadowing). */
  async shadow(version: string | null, actor: string, reason?: string): Promise<RolloutState> {
    const event = await this.deps.registry.setAlias('shadow', version, actor, { action: 'shadow', reason });
    return this.#after(actor, 'shadow', event);
  }

  /**
   * Routes `share` of the traffic to `version` (default: the current candidate). Share 1 serves
   * the candidate everywhere but keeps production as the fallback until `promote`.
   */
  async canary(version: string | null, share: number, actor: string, reason?: string): Promise<RolloutState> {
    checkShare(share);
    const state = await this.status();
    const target = version ?? state.candidate;
    if (!target) throw wardenError('CONFLICT', 'no candidate to canary: give a version or register a candidate first');
    if (target === state.production) throw wardenError('CONFLICT', `${target} is already production`);
    const event = await this.deps.registry.setAlias('candidate', target, actor, { share, action: 'canary', reason });
    this.deps.counters?.shareGauge.reset();
    this.deps.counters?.shareGauge.set({ version: target }, share);
    return this.#after(actor, 'canary', event, { share });
  }

  /** The candidate becomes production for all traffic. */
  async promote(actor: string, reason?: string): Promise<RolloutState> {
    const state = await this.status();
    if (!state.candidate) throw wardenError('CONFLICT', 'no candidate to promote');
    const event = await this.deps.registry.setAlias('production', state.candidate, actor, { action: 'promote', reason });
    this.deps.counters?.shareGauge.reset();
    return this.#after(actor, 'promote', event);
  }

  /** Ends the canary: all traffic back to production; the candidate keeps its alias (share 0). */
  async abort(actor: string, reason: string, action: 'abort' | 'auto-rollback' = 'abort', details: Record<string, unknown> = {}): Promise<RolloutState> {
    const state = await this.status();
    if (!state.candidate || state.canaryShare === 0) throw wardenError('CONFLICT', 'no canary is running');
    const event = await this.deps.registry.setAlias('candidate', state.candidate, actor, { share: 0, action, reason });
    this.deps.counters?.shareGauge.reset();
    return this.#after(actor, action, event, details);
  }

  /** When the running canary started: the first event of its current uninterrupted run. */
  async #canaryStart(candidate: string): Promise<Date | null> {
    const events = await this.deps.registry.history({ alias: 'candidate' });
    let since: string | null = null;
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i];
      if (e.to !== candidate || e.share === 0) break;
      since = e.at;
    }
    return since ? new Date(since) : null;
  }

  /**
   * Evaluates the guard on the running canary (figures since it started, both arms over the
   * same window) and ends it — action 'auto-rollback', the reasons in the history — if crossed.
   */
  async checkGuard(actor = 'rollout-guard'): Promise<GuardCheck> {
    const state = await this.status();
    const none = { checked: false, production: state.production, candidate: state.candidate, since: null, event: null };
    if (!state.production || !state.candidate || state.canaryShare === 0) return { ...none, ...evaluateGuard(emptyArm(''), emptyArm(''), this.policy) };
    const db = this.deps.db;
    const armStats = this.deps.armStats ?? (db ? (v: readonly string[], s: Date) => armStatsSince(db, v, s) : null);
    if (!armStats) throw wardenError('INTERNAL', 'the rollout guard needs the database');
    const since = await this.#canaryStart(state.candidate);
    const stats = await armStats([state.production, state.candidate], since ?? new Date(0));
    const live = this.deps.counters?.snapshot() ?? {};
    const prod = { ...stats.get(state.production)!, errors: live[state.production]?.errors ?? 0 };
    const cand = { ...stats.get(state.candidate)!, errors: live[state.candidate]?.errors ?? 0 };
    const decision = evaluateGuard(prod, cand, this.policy);
    let event: DeploymentEvent | null = null;
    if (decision.rollback) {
      await this.abort(actor, decision.reasons.join('; '), 'auto-rollback', { figures: decision.figures, production: prod, canary: cand });
      event = (await this.deps.registry.history({ alias: 'candidate' })).at(-1) ?? null;
    }
    return { checked: true, production: state.production, candidate: state.candidate, since: since?.toISOString() ?? null, event, ...decision };
  }

  /** Runs the guard every `intervalMs` (timer unref'd; errors go to `onError`). */
  startGuard(intervalMs: number, onError: (err: unknown) => void): void {
    this.stopGuard();
    let running = false;
    this.#timer = setInterval(() => {
      if (running) return;
      running = true;
      this.checkGuard()
        .catch(onError)
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    this.#timer.unref();
  }

  stopGuard(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

function emptyArm(version: string) {
  return { version, requests: 0, errors: 0, meanLatencyUs: null, tp: 0, fp: 0, tn: 0, fn: 0 };
}
