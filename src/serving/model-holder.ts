import type { Detector } from '../detector/detector.js';
import { loadDetector } from '../detector/load-detector.js';
import { wardenError } from '../errors.js';
import type { ModelRegistry } from '../registry/model-registry.js';
import { policyForModel, type TriagePolicy } from '../triage/policy.js';

export interface ServedModel {
  detector: Detector;
  policy: TriagePolicy;
  version: string;
}

/**
 * The model being served. A request takes the current reference once and keeps it, so a swap
 * never affects requests in flight: they finish on the old model, new ones get the new one.
 */
export class ModelHolder {
  private served: ServedModel | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;
  onSwap: ((m: ServedModel, previous: ServedModel | null) => void) | null = null;

  get current(): ServedModel {
    if (!this.served) throw wardenError('NO_MODEL', 'no model is loaded yet');
    return this.served;
  }

  get loaded(): boolean {
    return this.served !== null;
  }

  set(detector: Detector): ServedModel {
    const previous = this.served;
    const next = { detector, policy: policyForModel(detector.extras), version: detector.version };
    this.served = next;
    this.onSwap?.(next, previous);
    return next;
  }

  /** Loads `ref` from the registry if it points at another version than the one served. */
  async refresh(registry: ModelRegistry, ref: string): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      const { version, dir } = await registry.resolve(ref);
      if (this.served?.version === version) return false;
      this.set(await loadDetector(dir));
      return true;
    } finally {
      this.checking = false;
    }
  }

  /** Polls the registry so every worker and replica picks up a promotion within `intervalMs`. */
  watch(registry: ModelRegistry, ref: string, intervalMs: number, onError: (err: unknown) => void): void {
    this.stop();
    this.timer = setInterval(() => {
      this.refresh(registry, ref).catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
