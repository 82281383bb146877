import type { LabelValues, MetricValueWithName, Registry } from 'prom-client';

interface Series<T extends string> {
  labels: LabelValues<T>;
  /** Observations per bucket (not cumulative); the last slot is above every bound. */
  counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * A Prometheus histogram for the request path. prom-client's `Histogram.observe` validates the
 * labels, builds a hash string from them and allocates a closure on every call (two calls per
 * request showed as ~2% of a worker's CPU at thousands of requests a second). Here a labels
 * object seen before finds its series by identity (the request tally hands out one object per
 * route, method and status); an object seen for the first time is checked and keyed by its
 * content once, so equal labels in different objects are one series, and objects made per call
 * cost a key each but never grow the histogram (they are held weakly). A scrape writes what
 * prom-client's histogram writes: the same lines, the same JSON for the cluster merge.
 */
export class TalliedHistogram<T extends string = string> {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  readonly #bounds: Float64Array;
  readonly #labelNames: ReadonlySet<string>;
  #byObject = new WeakMap<object, Series<T>>();
  readonly #byContent = new Map<string, Series<T>>();
  readonly #none = {} as LabelValues<T>;

  constructor(config: { name: string; help: string; labelNames?: readonly T[]; buckets: readonly number[]; registers: Registry[] }) {
    this.name = config.name;
    this.help = config.help;
    this.#labelNames = new Set(config.labelNames ?? []);
    const sorted = [...config.buckets].sort((a, b) => a - b);
    if (sorted.some((b, i) => !Number.isFinite(b) || (i > 0 && b === sorted[i - 1]))) throw new Error(`${this.name}: buckets must be finite and distinct`);
    this.#bounds = Float64Array.from(sorted);
    // without label names there is one series, shown at zero from the start, as prom-client does
    if (this.#labelNames.size === 0) this.#find(this.#none);
    for (const r of config.registers) r.registerMetric(this as never);
  }

  /** Counts one observation of `value` under `labels` (reuse one object per label set). */
  observe(labels: LabelValues<T> | number, value?: number): void {
    let l: LabelValues<T>;
    let v: number;
    if (typeof labels === 'number') {
      l = this.#none;
      v = labels;
    } else {
      l = labels;
      v = value as number;
    }
    if (!Number.isFinite(v)) throw new TypeError(`${this.name}: not a finite number: ${v}`);
    const s = this.#byObject.get(l) ?? this.#find(l);
    const bounds = this.#bounds;
    let i = 0;
    while (i < bounds.length && v > bounds[i]) i++;
    s.counts[i]++;
    s.sum += v;
    s.count++;
  }

  /** Forgets every series (prom-client's reset does the same, the label-less one included). */
  reset(): void {
    this.#byContent.clear();
    this.#byObject = new WeakMap();
  }

  /** The series of a labels object not seen before: checked, keyed by content, remembered by identity. */
  #find(labels: LabelValues<T>): Series<T> {
    for (const name of Object.keys(labels)) {
      if (!this.#labelNames.has(name)) throw new Error(`${this.name}: unknown label '${name}'`);
    }
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
    let s = this.#byContent.get(key);
    if (s === undefined) this.#byContent.set(key, (s = { labels, counts: new Float64Array(this.#bounds.length + 1), sum: 0, count: 0 }));
    this.#byObject.set(labels, s);
    return s;
  }

  /** The histogram as prom-client's `Histogram.get` gives it: cumulative buckets, then sum and count, per label set. */
  async get(): Promise<{ name: string; help: string; type: 'histogram'; values: MetricValueWithName<T>[]; aggregator: 'sum' }> {
    const values: MetricValueWithName<T>[] = [];
    for (const s of this.#byContent.values()) {
      let cumulative = 0;
      for (let i = 0; i <= this.#bounds.length; i++) {
        cumulative += s.counts[i];
        const le = i < this.#bounds.length ? this.#bounds[i] : '+Inf';
        values.push({ value: cumulative, metricName: `${this.name}_bucket`, labels: { le, ...s.labels } as never });
      }
      values.push({ value: s.sum, metricName: `${this.name}_sum`, labels: s.labels });
      values.push({ value: s.count, metricName: `${this.name}_count`, labels: s.labels });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}
