/** The simulation's Markdown report and its three SVG plots. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimulationResult } from './simulate.js';
import { lineChartSvg } from './svg-chart.js';

const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

/** Writes report.md and the plots under `dir`; returns the plot paths. */
export async function writeSimulationReport(
  dir: string,
  r: SimulationResult,
  cfg: { bands: { watch: number; act: number }; floors: { tpr: number; fpr: number; precision: number } },
): Promise<string[]> {
  const x = r.timeline.map((d) => d.day);
  const markers = [
    { x: r.attack_start_day, label: 'attack', color: '#b00' },
    ...(r.drift_detected_day !== null ? [{ x: r.drift_detected_day, label: 'drift', color: '#c60' }] : []),
    ...(r.retrain_day !== null ? [{ x: r.retrain_day, label: 'retrain', color: '#06c' }] : []),
    ...(r.promotion_day !== null ? [{ x: r.promotion_day, label: 'promoted', color: '#080' }] : []),
  ];
  const plots: Record<string, string> = {
    'metrics.svg': lineChartSvg({
      title: 'Daily TPR / FPR / precision (ground truth of the replayed traffic)',
      x,
      yMin: 0,
      yMax: 1,
      series: [
        { name: 'TPR', values: r.timeline.map((d) => d.tpr), color: '#1f77b4' },
        { name: 'FPR', values: r.timeline.map((d) => d.fpr), color: '#d62728' },
        { name: 'precision', values: r.timeline.map((d) => d.precision), color: '#2ca02c' },
      ],
      thresholds: [
        { value: cfg.floors.tpr, label: `TPR floor ${cfg.floors.tpr}`, color: '#1f77b4' },
        { value: cfg.floors.fpr, label: `FPR ceiling ${cfg.floors.fpr}`, color: '#d62728' },
        { value: cfg.floors.precision, label: `precision floor ${cfg.floors.precision}`, color: '#2ca02c' },
      ],
      markers,
    }),
    'psi.svg': lineChartSvg({
      title: 'Score drift: PSI of the last 3 days (GET /v1/monitoring/drift) against the model’s training reference',
      x,
      yMin: 0,
      series: [{ name: 'PSI', values: r.timeline.map((d) => (d.psi_band === 'no_data' ? null : d.psi)), color: '#9467bd' }],
      thresholds: [
        { value: cfg.bands.watch, label: `watch ${cfg.bands.watch}`, color: '#c90' },
        { value: cfg.bands.act, label: `act ${cfg.bands.act}`, color: '#b00' },
      ],
      markers,
    }),
    'versions.svg': lineChartSvg({
      title: `Share of traffic answered by the candidate (${r.candidate_version ?? 'none'}) vs production ${r.production_version}`,
      x,
      yMin: 0,
      yMax: 1,
      series: [{ name: 'candidate share', values: r.timeline.map((d) => d.canary_share), color: '#ff7f0e' }],
      markers,
    }),
  };
  const paths: string[] = [];
  for (const [name, svg] of Object.entries(plots)) {
    await writeFile(join(dir, name), svg);
    paths.push(join(dir, name));
  }
  const md = [
    '# Warden improvement-loop simulation',
    '',
    `Seed ${r.seed}, ${r.days} days × ${r.per_day} messages, attack from day ${r.attack_start_day}.`,
    '',
    '| claim | value |',
    '|---|---|',
    `| attack starts | day ${r.attack_start_day} |`,
    `| drift detected | ${r.drift_detected_day === null ? 'never' : `day ${r.drift_detected_day}`} |`,
    `| retrained | ${r.retrain_day === null ? 'never' : `day ${r.retrain_day} → ${r.candidate_version}`} |`,
    `| recall on new tactics (held-out) | production ${f3(r.production_recall_new_tactics)}, candidate ${f3(r.candidate_recall_new_tactics)} |`,
    `| McNemar on the retraining holdout | p = ${r.mcnemar_p_value === null ? 'n/a' : r.mcnemar_p_value.toPrecision(3)}${r.mcnemar ? ` (only production right ${r.mcnemar.production_only_correct}, only candidate right ${r.mcnemar.candidate_only_correct}, ${r.mcnemar.method})` : ''} |`,
    `| promoted | ${r.promoted ? `yes, day ${r.promotion_day}` : 'no'} |`,
    `| feedback labels / predictions logged | ${r.feedback_labels} / ${r.predictions_logged} |`,
    '',
    '![metrics](metrics.svg)',
    '',
    '![psi](psi.svg)',
    '',
    '![versions](versions.svg)',
    '',
    r.files.retrain_report ? `The retraining comparison report: \`${r.files.retrain_report}\`.` : '',
    '',
    '## Timeline',
    '',
    '| day | served by | candidate share | TPR | FPR | precision | PSI | band | labels | shadow disagreements | events |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.timeline.map((d) => `| ${d.day} | ${d.served_by} | ${d.canary_share} | ${f3(d.tpr)} | ${f3(d.fpr)} | ${f3(d.precision)} | ${d.psi_band === 'no_data' ? '–' : d.psi.toFixed(3)} | ${d.psi_band} | ${d.feedback} | ${d.shadow_disagreements ?? ''} | ${d.events.join('; ')} |`),
    '',
  ];
  await writeFile(join(dir, 'report.md'), md.join('\n'));
  return paths;
}
