/** The comparison report as Markdown: what an analyst reads before approving a promotion. */
import type { ConfidenceInterval } from '../statistics/index.js';
import type { HoldoutComparison } from './compare-models.js';
import type { GuardDecision } from './guard.js';
import { RATE_NAMES } from './paired-metrics.js';
import type { RetrainReport } from './retrain.js';

const f4 = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(4));
const ci = (c: ConfidenceInterval): string => `${f4(c.estimate)} [${f4(c.lower)}, ${f4(c.upper)}]`;

function sideBySide(cmp: HoldoutComparison): string[] {
  const lines = [
    `| metric | production ${cmp.production.version} | candidate ${cmp.candidate.version} | candidate − production |`,
    '|---|---|---|---|',
  ];
  for (const r of RATE_NAMES) lines.push(`| ${r} | ${ci(cmp.production.metrics[r])} | ${ci(cmp.candidate.metrics[r])} | ${ci(cmp.difference[r])} |`);
  lines.push(`| ROC-AUC | ${f4(cmp.production.roc_auc)} | ${f4(cmp.candidate.roc_auc)} | |`);
  lines.push(`| PR-AUC | ${f4(cmp.production.pr_auc)} | ${f4(cmp.candidate.pr_auc)} | |`);
  lines.push(`| threshold | ${f4(cmp.production.threshold)} | ${f4(cmp.candidate.threshold)} | |`);
  return lines;
}

function confusion(cmp: HoldoutComparison): string[] {
  const row = (name: string, e: HoldoutComparison['production']) => `| ${name} | ${e.confusion.tp} | ${e.confusion.fn} | ${e.confusion.fp} | ${e.confusion.tn} |`;
  return ['| model | TP | FN | FP | TN |', '|---|---|---|---|---|', row(`production ${cmp.production.version}`, cmp.production), row(`candidate ${cmp.candidate.version}`, cmp.candidate)];
}

function guardLines(g: GuardDecision): string[] {
  const lines = ['| metric | production | candidate | difference | limit | passed |', '|---|---|---|---|---|---|'];
  for (const c of g.checks) lines.push(`| ${c.metric} | ${f4(c.production)} | ${f4(c.candidate)} | ${f4(c.difference)} | ${c.limit} | ${c.passed ? 'yes' : '**no**'} |`);
  return lines;
}

/** Renders a retraining report. */
export function reportMarkdown(r: RetrainReport): string {
  const cmp = r.comparison;
  const m = cmp.mcnemar;
  const out = [
    `# Retraining report: ${r.candidate.version ?? '(unregistered)'} vs ${r.production.version}`,
    '',
    `Trained by ${r.actor} at ${r.createdAt} (${r.seconds.toFixed(1)} s). Parent: ${r.production.version}.`,
    '',
    '## Data',
    '',
    `- base rows: ${r.data.baseRows} (fingerprint \`${r.data.baseFingerprint.slice(0, 16)}\`, matches the production manifest: ${r.data.baseFingerprintMatches ? 'yes' : 'no'})`,
    `- feedback used: ${r.data.feedbackUsed} rows (fingerprint \`${r.data.feedbackFingerprint.slice(0, 16)}\`); base rows replaced by feedback: ${r.data.baseReplaced}, of which contradicted: ${r.data.contradicted}`,
    `- feedback skipped: ${r.data.feedbackSkipped.noText} without text, ${r.data.feedbackSkipped.unknownLabel} unknown label, ${r.data.feedbackSkipped.duplicate} duplicates`,
    `- grouped split (seed ${r.split.seed}): ${r.split.trainRows} training rows (${r.split.trainFeedback} feedback), ${r.split.holdoutRows} holdout rows (${r.split.holdoutFeedback} feedback); compared on ${r.split.evaluatedOn === 'feedback' ? 'the feedback holdout rows only' : 'every holdout row'}`,
    '',
    `## Holdout metrics (${cmp.rows} rows, ${cmp.positives} threats; 95% percentile bootstrap, ${cmp.bootstrap.resamples} resamples)`,
    '',
    ...sideBySide(cmp),
    '',
    '## Confusion matrices',
    '',
    ...confusion(cmp),
    '',
    "## McNemar's test (paired predictions)",
    '',
    `Only production right: ${m.productionOnlyCorrect}; only candidate right: ${m.candidateOnlyCorrect}; ${m.method === 'exact' ? 'exact binomial' : 'chi-square with continuity correction'}: statistic ${f4(m.statistic)}, p = ${m.pValue.toPrecision(4)}.`,
    '',
  ];
  const subsetNames = Object.keys(cmp.subsets);
  if (subsetNames.length > 0) {
    out.push('## Subsets', '', '| subset | rows | threats | production recall | candidate recall | production FPR | candidate FPR |', '|---|---|---|---|---|---|---|');
    for (const s of subsetNames) {
      const v = cmp.subsets[s];
      out.push(`| ${s} | ${v.rows} | ${v.positives} | ${f4(v.production.recall)} | ${f4(v.candidate.recall)} | ${f4(v.production.fpr)} | ${f4(v.candidate.fpr)} |`);
    }
    out.push('');
  }
  out.push('## Promotion guard', '', ...guardLines(r.guard), '', r.guard.promotable ? '**Promotable**: no guard metric is worse than allowed.' : `**Not promotable**: ${r.guard.reasons.join('; ')}.`, '');
  return out.join('\n');
}
