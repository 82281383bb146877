import { sql, type Kysely } from 'kysely';
import { predictionsBetween, type Schema } from '../storage/index.js';
import { rangeFilter } from './drift-sql.js';
import type { MonitoringRange } from './time-range.js';

/** Confusion counts of one model version over some labelled predictions, and the rates they give. */
export interface Figures {
  /** Labelled predictions behind the figures. */
  labels: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** null when the denominator is 0 (no positives, no negatives, no alerts). */
  tpr: number | null;
  fpr: number | null;
  precision: number | null;
  f1: number | null;
}

export interface DayFigures extends Figures {
  /** ISO date (UTC) of the day, or of the last day of a rolling window. */
  day: string;
}

export interface VersionPerformance {
  modelVersion: string;
  total: Figures;
  daily: DayFigures[];
  /** For each day of the range from the first labelled day: the 7 and 30 days ending that day. */
  rolling7: DayFigures[];
  rolling30: DayFigures[];
}

export interface PerformanceReport {
  from: string;
  to: string;
  versions: VersionPerformance[];
}

/** The analyst labels counted as threats; any other known label ('benign') is a negative. */
const THREAT_LABELS = ['spam', 'phishing'];
const KNOWN_LABELS = ['benign', 'spam', 'phishing'];
const DAY_MS = 86_400_000;

/**
 * Live performance of each model version from analyst feedback: a prediction is scored against
 * the current label of its message (feedback.is_current), matched by prediction id, or by text
 * hash for feedback given on a raw text. Predicted positive = the stored is_threat; actual
 * positive = a spam or phishing label. Counted per version and UTC day of the prediction in
 * SQL; the rolling 7/30-day figures are sums of those daily counts.
 *
 * @example
 * ```ts
 * const perf = await computePerformance(db, resolveRange({ window: 'day' }));
 * perf.versions[0].rolling7.at(-1)?.tpr;
 * ```
 */
export async function computePerformance(db: Kysely<Schema>, range: MonitoringRange): Promise<PerformanceReport> {
  const result = await sql<{ v: string; d: Date; tp: number; fp: number; tn: number; fn: number }>`
    with labelled as (
      select p.model_version, p.created_at, p.is_threat, f.label
      from feedback f join ${predictionsBetween(range.from, range.to)} as p on p.id = f.prediction_id
      where f.is_current and ${rangeFilter(range, 'p')}
      union all
      select p.model_version, p.created_at, p.is_threat, f.label
      from feedback f join ${predictionsBetween(range.from, range.to)} as p on p.text_sha256 = f.text_sha256
      where f.is_current and f.prediction_id is null and ${rangeFilter(range, 'p')}
    )
    select model_version as v, date_trunc('day', created_at, 'UTC') as d,
      count(*) filter (where is_threat and label in (${sql.join(THREAT_LABELS)}))::int as tp,
      count(*) filter (where is_threat and label = 'benign')::int as fp,
      count(*) filter (where not is_threat and label = 'benign')::int as tn,
      count(*) filter (where not is_threat and label in (${sql.join(THREAT_LABELS)}))::int as fn
    from labelled
    where label in (${sql.join(KNOWN_LABELS)})
    group by 1, 2
    order by 1, 2`.execute(db);
  const byVersion = new Map<string, Map<number, Counts>>();
  for (const r of result.rows) {
    let days = byVersion.get(r.v);
    if (!days) byVersion.set(r.v, (days = new Map()));
    days.set(new Date(r.d).getTime(), { tp: Number(r.tp), fp: Number(r.fp), tn: Number(r.tn), fn: Number(r.fn) });
  }
  const lastDay = Math.floor((range.to.getTime() - 1) / DAY_MS) * DAY_MS;
  const versions: VersionPerformance[] = [];
  for (const [modelVersion, days] of [...byVersion].sort((a, b) => a[0].localeCompare(b[0]))) {
    const dayList = [...days.keys()].sort((a, b) => a - b);
    const total = { tp: 0, fp: 0, tn: 0, fn: 0 };
    for (const d of dayList) add(total, days.get(d)!);
    const rolling = (width: number): DayFigures[] => {
      const out: DayFigures[] = [];
      for (let d = dayList[0]; d <= lastDay; d += DAY_MS) {
        const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
        for (let k = 0; k < width; k++) {
          const x = days.get(d - k * DAY_MS);
          if (x) add(c, x);
        }
        out.push({ day: isoDay(d), ...figures(c) });
      }
      return out;
    };
    versions.push({
      modelVersion,
      total: figures(total),
      daily: dayList.map((d) => ({ day: isoDay(d), ...figures(days.get(d)!) })),
      rolling7: rolling(7),
      rolling30: rolling(30),
    });
  }
  return { from: range.from.toISOString(), to: range.to.toISOString(), versions };
}

interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

function add(into: Counts, c: Counts): void {
  into.tp += c.tp;
  into.fp += c.fp;
  into.tn += c.tn;
  into.fn += c.fn;
}

/** Rates from confusion counts; null where a rate is undefined (0/0). */
export function figures(c: Counts): Figures {
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const tpr = ratio(c.tp, c.tp + c.fn);
  const precision = ratio(c.tp, c.tp + c.fp);
  const f1 = tpr === null || precision === null ? null : tpr + precision === 0 ? 0 : (2 * tpr * precision) / (tpr + precision);
  return { labels: c.tp + c.fp + c.tn + c.fn, ...c, tpr, fpr: ratio(c.fp, c.fp + c.tn), precision, f1 };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
