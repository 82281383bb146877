import type { Detector } from '../detector/detector.js';
import { loadDetector } from '../detector/load-detector.js';
import { wardenError } from '../errors.js';
import type { DeploymentRegistry, ModelRegistry } from '../registry/model-registry.js';
import { policyForModel, type TriagePolicy } from '../triage/policy.js';

export interface ServedModel {
  detector: Detector;
  policy: TriagePolicy;
  version: string;
}

/** Who answers: production, or the candidate for its canary share; the shadow scores silently. */
export interface Routing {
  production: ServedModel;
  candidate: ServedModel | null;
  canaryShare: number;
  shadow: ServedModel | null;
}

/**
 * Loads a registered version. Registry artifacts are content-addressed and carry no version
 * number (the same model may be registered twice), so the registry's version is stamped on
 * the loaded copy here.
 */
export function loadRegistered(dir: string, version: string): Promise<Detector> {
  // not a spread of the contents: that would decode the vocabulary, which is read lazily
  return loadDetector(dir, version);
}

const isDeploymentRegistry = (r: ModelRegistry): r is DeploymentRegistry => typeof (r as Partial<DeploymentRegistry>).rollout === 'function';

/**
 * The models being served. A request takes the routing reference once and keeps it, so a swap
 * never affects requests in flight: they finish on the old models, new ones get the new ones.
 */
export class ModelHolder {
  private state: Routing | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<boolean> | null = null;
  onSwap: ((m: ServedModel, previous: ServedModel | null) => void) | null = null;
  /** Called when the candidate, its share or the shadow changes. */
  onRoutingChange: ((r: Routing) => void) | null = null;

  /** The production model. */
  get current(): ServedModel {
    if (!this.state) throw wardenError('NO_MODEL', 'no model is loaded yet');
    return this.state.production;
  }

  /** The whole routing (production, canary, shadow), as one reference. */
  get routing(): Routing {
    if (!this.state) throw wardenError('NO_MODEL', 'no model is loaded yet');
    return this.state;
  }

  get loaded(): boolean {
    return this.state !== null;
  }

  /** Serves `detector` as production (no canary, no shadow). */
  set(detector: Detector): ServedModel {
    return this.apply({ production: serve(detector), candidate: null, canaryShare: 0, shadow: null });
  }

  private apply(next: Routing): ServedModel {
    const previous = this.state;
    this.state = next;
    if (previous?.production !== next.production) this.onSwap?.(next.production, previous?.production ?? null);
    if (previous && (previous.candidate !== next.candidate || previous.canaryShare !== next.canaryShare || previous.shadow !== next.shadow)) this.onRoutingChange?.(next);
    return next.production;
  }

  /**
   * Reloads from the registry if anything changed. With a deployment registry and the
   * production reference, the candidate (canary share) and shadow are loaded too; versions
   * already loaded are reused. A call waits for a refresh in flight and then reads again, so
   * a caller that just changed the registry always sees its change served.
   */
  async refresh(registry: ModelRegistry, ref: string): Promise<boolean> {
    while (this.checking) await this.checking.catch(() => false);
    this.checking = this.load(registry, ref).finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async load(registry: ModelRegistry, ref: string): Promise<boolean> {
    const loaded = new Map<string, ServedModel>();
    if (this.state) for (const m of [this.state.production, this.state.candidate, this.state.shadow]) if (m) loaded.set(m.version, m);
    const get = async (version: string, dir: () => Promise<string>): Promise<ServedModel> => {
      const have = loaded.get(version);
      if (have) return have;
      const m = serve(await loadRegistered(await dir(), version));
      loaded.set(version, m);
      return m;
    };
    const byVersion = (v: string) => get(v, async () => (await registry.resolve(v)).dir);
    let next: Routing;
    if (ref === 'production' && isDeploymentRegistry(registry)) {
      const s = await registry.rollout();
      if (!s.production) throw wardenError('MODEL_NOT_FOUND', "no model has the alias 'production'");
      next = {
        production: await byVersion(s.production),
        candidate: s.candidate && s.canaryShare > 0 ? await byVersion(s.candidate) : null,
        canaryShare: s.candidate ? s.canaryShare : 0,
        shadow: s.shadow ? await byVersion(s.shadow) : null,
      };
    } else {
      const { version, dir } = await registry.resolve(ref);
      next = { production: await get(version, async () => dir), candidate: null, canaryShare: 0, shadow: null };
    }
    const cur = this.state;
    if (cur && cur.production === next.production && cur.candidate === next.candidate && cur.canaryShare === next.canaryShare && cur.shadow === next.shadow) return false;
    this.apply(next);
    return true;
  }

  /** Polls the registry so every worker and replica picks up a change within `intervalMs`. */
  watch(registry: ModelRegistry, ref: string, intervalMs: number, onError: (err: unknown) => void): void {
    this.stop();
    this.timer = setInterval(() => {
      if (!this.checking) this.refresh(registry, ref).catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

function serve(detector: Detector): ServedModel {
  return { detector, policy: policyForModel(detector.extras), version: detector.version };
}
