import { readManifest } from '../../artifact/model-files.js';
import {
  computeSummary,
  monitoringConfigFromEnv,
  referenceOf,
  renderAlertRules,
  resolveRange,
  toApiJson,
  type MonitoringReference,
  type MonitoringSummary,
} from '../../monitoring/index.js';
import { parse, printJson, UsageError, type Command, type Io } from '../command.js';
import { dataDir, openRegistry } from '../context.js';

export const monitorCommand: Command = {
  name: 'monitor',
  summary: 'drift, live performance from feedback, data quality and alerts',
  usage: `
Usage: warden monitor [--window day|hour] [--from TIME] [--to TIME] [--model-version V]
                      [--model REF] [--json] [--data-dir DIR | --database-url URL]
       warden monitor --alert-rules      print the Prometheus alert rules for the configured thresholds

Reads the prediction log and analyst feedback of a service's database (PGlite in DIR/pglite,
or PostgreSQL) and prints, per window: the PSI of the risk score against the model's training
reference (bands: stable < 0.1 ≤ watch ≤ 0.25 < act), tags and numeric features that drifted
(corrected tests), the out-of-vocabulary rate; TPR/FPR/precision/F1 of each model version over
the last 7 days from analyst labels (with the number of labels); data quality; and alerts.
--model picks the reference (default: production). Thresholds: WARDEN_MONITOR_* variables
(docs/configuration.md). Default range: 30 days (day windows) or 48 hours (hour windows) to now.
`,
  async run(argv, io) {
    const { values } = parse(
      argv,
      {
        window: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'model-version': { type: 'string' },
        model: { type: 'string' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        'alert-rules': { type: 'boolean' },
      },
      false,
    );
    const config = monitoringConfigFromEnv(io.env);
    if (values['alert-rules']) {
      io.stdout.write(renderAlertRules(config));
      return 0;
    }
    if (values.window !== undefined && values.window !== 'day' && values.window !== 'hour') throw new UsageError(`--window must be day or hour, got '${values.window}'`);
    for (const k of ['from', 'to'] as const) {
      if (values[k] !== undefined && Number.isNaN(new Date(values[k]!).getTime())) throw new UsageError(`--${k} must be an ISO 8601 date-time, got '${values[k]}'`);
    }
    const range = resolveRange({ window: values.window, from: values.from, to: values.to, modelVersion: values['model-version'] });
    const env = values['database-url'] ? { ...io.env, DATABASE_URL: values['database-url'] } : io.env;
    const open = await openRegistry(dataDir(io, values['data-dir']), env);
    try {
      let reference: MonitoringReference | null = null;
      let referenceNote = '';
      try {
        const { version, dir } = await open.registry.resolve(values.model ?? 'production');
        reference = referenceOf(await readManifest(dir));
        referenceNote = reference ? `reference: ${version} (${reference.rows} training rows)` : `model ${version} has no monitoring reference: drift skipped (retrain it)`;
      } catch (err) {
        if ((err as { code?: string }).code !== 'MODEL_NOT_FOUND') throw err;
        referenceNote = 'no registered model: drift skipped';
      }
      const summary = await computeSummary(open.database.db, reference, range, config);
      if (values.json) printJson(io, toApiJson(summary));
      else printSummary(io, summary, referenceNote);
      return 0;
    } finally {
      await open.close();
    }
  },
};

function num(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits);
}

function printSummary(io: Io, s: MonitoringSummary, referenceNote: string): void {
  const out = (line = '') => io.stdout.write(`${line}\n`);
  out(`Monitoring ${s.quality.from} → ${s.quality.to} (${s.quality.window} windows)`);
  out(referenceNote);
  if (s.drift) {
    out();
    out('window                     count     PSI  band     drifted tags / features                    OOV');
    for (const w of s.drift.windows) {
      const flags = [...w.flaggedTags, ...w.flaggedFeatures].join(', ') || (w.lowCount ? '(too few to test)' : '-');
      out(`${w.start.padEnd(24)} ${String(w.count).padStart(8)} ${num(w.psi).padStart(7)}  ${w.band.padEnd(7)}  ${flags.slice(0, 42).padEnd(42)} ${num(w.oovRate)}`);
    }
    if (s.drift.windows.length === 0) out('(no predictions in range)');
  }
  out();
  out('model version   labels    TPR    FPR  precision     F1   (rolling 7 days to the last day)');
  for (const v of s.performance.versions) {
    const r = v.rolling7.at(-1);
    if (r) out(`${v.modelVersion.padEnd(14)} ${String(r.labels).padStart(7)} ${num(r.tpr).padStart(6)} ${num(r.fpr).padStart(6)} ${num(r.precision).padStart(10)} ${num(r.f1).padStart(6)}`);
  }
  if (s.performance.versions.length === 0) out('(no analyst labels in range)');
  const q = s.quality.overall;
  out();
  if (q) {
    const scripts = Object.entries(q.scripts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${((100 * n) / q.count).toFixed(1)}%`).join(', ');
    out(`quality: ${q.count} texts, ${q.empty} empty, ${q.veryLong} very long, ${q.controlChars} with control characters, ${q.hashOnly} hash-only; scripts: ${scripts || '-'}`);
  } else out('quality: no predictions in range');
  out();
  if (s.alerts.length === 0) out('alerts: none');
  for (const a of s.alerts) out(`ALERT [${a.severity}] ${a.kind}: ${a.message} (${a.at})`);
}
