import { LABELS, type Label } from '../data/label.js';
import { TAG_NAMES } from '../rules/index.js';
import type { PreparedData } from './prepared-data.js';

export interface TagStat {
  tag: string;
  counts: Record<Label, number>;
  share: Record<Label, number>;
  /** Precision of "tag present ⇒ threat" as a lone signal. */
  precision: number;
  /** Share of threats that carry the tag. */
  recall: number;
}

/** Per tag: how often it fires in benign/spam/phishing rows and its precision as a lone signal. */
export function tagStats(data: PreparedData, rows: Int32Array): TagStat[] {
  if (!data.rules) throw new Error('tag statistics need the rule matrix');
  const k = TAG_NAMES.length;
  const totals: Record<Label, number> = { benign: 0, spam: 0, phishing: 0 };
  for (const r of rows) totals[data.labels[r]]++;
  const threats = totals.spam + totals.phishing;
  return TAG_NAMES.map((tag, j) => {
    const counts: Record<Label, number> = { benign: 0, spam: 0, phishing: 0 };
    for (const r of rows) if (data.rules![r * k + j] !== 0) counts[data.labels[r]]++;
    const fired = counts.benign + counts.spam + counts.phishing;
    const share = Object.fromEntries(LABELS.map((l) => [l, totals[l] ? counts[l] / totals[l] : 0])) as Record<Label, number>;
    return {
      tag,
      counts,
      share,
      precision: fired ? (counts.spam + counts.phishing) / fired : 0,
      recall: threats ? (counts.spam + counts.phishing) / threats : 0,
    };
  });
}

export function tagReportMarkdown(stats: TagStat[], rows: number, note: string): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    '# Tags on the training data',
    '',
    `${note} ${rows} rows. "Share" is the fraction of messages of that class carrying the tag; ` +
      '"precision" is P(spam or phishing | tag present), the tag used as a lone signal; "recall" is the share of threats carrying it.',
    '',
    '| tag | benign | spam | phishing | precision | recall |',
    '|---|---|---|---|---|---|',
    ...stats.map((s) => `| ${s.tag} | ${s.counts.benign} (${pct(s.share.benign)}) | ${s.counts.spam} (${pct(s.share.spam)}) | ${s.counts.phishing} (${pct(s.share.phishing)}) | ${s.counts.benign + s.counts.spam + s.counts.phishing ? s.precision.toFixed(3) : '-'} | ${pct(s.recall)} |`),
    '',
  ].join('\n');
}
