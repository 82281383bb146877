import { sql, type Kysely } from 'kysely';
import { DEFAULT_MONITORING_CONFIG, type MonitoringConfig } from './config.js';
import { predictionsBetween, type Schema } from '../storage/index.js';
import { rangeFilter, windowExpr } from './drift-sql.js';
import type { MonitoringRange } from './time-range.js';

/** The script classes of the language-mix heuristic (first match wins, in this order). */
export const SCRIPTS = ['ascii', 'cyrillic', 'greek', 'arabic', 'hebrew', 'cjk', 'other'] as const;
export type Script = (typeof SCRIPTS)[number];

export interface WindowQuality {
  start: string;
  count: number;
  /** Stored texts that are empty or only whitespace. */
  empty: number;
  veryLong: number;
  /** Texts with C0 control characters (other than tab/newline/CR), DEL or U+FFFD (a decoding failure upstream). */
  controlChars: number;
  /** Predictions stored as a hash only: no text to check. */
  hashOnly: number;
  /** Language mix: texts by script class — ASCII only, else the first non-Latin script found. */
  scripts: Record<Script, number>;
  /** (empty + veryLong + controlChars) / count. */
  badShare: number;
}

export interface QualityReport {
  window: MonitoringRange['window'];
  from: string;
  to: string;
  longTextChars: number;
  windows: WindowQuality[];
  overall: WindowQuality | null;
}

// PostgreSQL's ARE reads the \x and \u escapes itself. A text is ASCII exactly when its UTF-8
// byte length equals its character length: that check is far cheaper than a regex, so the
// script regexes only run on the (few) non-ASCII texts.
const CONTROL = '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\ufffd]';
const SCRIPT_CASE = sql`case
  when octet_length(text) = length(text) then 'ascii'
  when text ~ '[\\u0400-\\u04ff]' then 'cyrillic'
  when text ~ '[\\u0370-\\u03ff]' then 'greek'
  when text ~ '[\\u0600-\\u06ff]' then 'arabic'
  when text ~ '[\\u0590-\\u05ff]' then 'hebrew'
  when text ~ '[\\u3040-\\u30ff\\u4e00-\\u9fff\\uac00-\\ud7af]' then 'cjk'
  else 'other' end`;

/**
 * Data quality of incoming requests per window, in one scan: empty and very long texts,
 * control characters, hash-only rows, and a cheap language mix by Unicode script.
 */
export async function computeQuality(db: Kysely<Schema>, range: MonitoringRange, config: Readonly<MonitoringConfig> = DEFAULT_MONITORING_CONFIG): Promise<QualityReport> {
  const result = await sql<{ w: Date; script: string | null; g: number; n: number; empty: number; long: number; ctl: number; hash_only: number }>`
    with x as (
      select ${windowExpr(range)} as w, text, text_length,
        case when text is null then null else ${SCRIPT_CASE} end as script
      from ${predictionsBetween(range.from, range.to)} as predictions where ${rangeFilter(range)}
    )
    select w, script, grouping(script)::int as g, count(*)::int as n,
      count(*) filter (where text is not null and btrim(text, E' \\t\\r\\n') = '')::int as empty,
      count(*) filter (where text_length > ${config.longTextChars})::int as long,
      count(*) filter (where text ~ ${CONTROL})::int as ctl,
      count(*) filter (where text is null)::int as hash_only
    from x group by grouping sets ((w), (w, script))`.execute(db);
  const byWindow = new Map<number, WindowQuality>();
  const at = (ms: number) => {
    let q = byWindow.get(ms);
    if (!q) byWindow.set(ms, (q = emptyQuality(new Date(ms).toISOString())));
    return q;
  };
  for (const r of result.rows) {
    const q = at(new Date(r.w).getTime());
    if (Number(r.g) === 1) {
      q.count = Number(r.n);
      q.empty = Number(r.empty);
      q.veryLong = Number(r.long);
      q.controlChars = Number(r.ctl);
      q.hashOnly = Number(r.hash_only);
    } else if (r.script !== null) {
      q.scripts[r.script as Script] += Number(r.n);
    }
  }
  const windows = [...byWindow.keys()].sort((a, b) => a - b).map((k) => withShare(byWindow.get(k)!));
  let overall: WindowQuality | null = null;
  if (windows.length > 0) {
    overall = emptyQuality(range.from.toISOString());
    for (const w of windows) {
      overall.count += w.count;
      overall.empty += w.empty;
      overall.veryLong += w.veryLong;
      overall.controlChars += w.controlChars;
      overall.hashOnly += w.hashOnly;
      for (const s of SCRIPTS) overall.scripts[s] += w.scripts[s];
    }
    withShare(overall);
  }
  return { window: range.window, from: range.from.toISOString(), to: range.to.toISOString(), longTextChars: config.longTextChars, windows, overall };
}

function emptyQuality(start: string): WindowQuality {
  return { start, count: 0, empty: 0, veryLong: 0, controlChars: 0, hashOnly: 0, scripts: Object.fromEntries(SCRIPTS.map((s) => [s, 0])) as Record<Script, number>, badShare: 0 };
}

function withShare(q: WindowQuality): WindowQuality {
  q.badShare = q.count === 0 ? 0 : (q.empty + q.veryLong + q.controlChars) / q.count;
  return q;
}
