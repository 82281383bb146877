import { join, resolve } from 'node:path';
import { BUNDLED_DATASETS } from '../../data/index.js';
import { RetrainJob } from '../../jobs/retrain-job.js';
import { DEFAULT_GUARD } from '../../retraining/index.js';
import { openDatabase, FeedbackRepository } from '../../storage/index.js';
import { currentActor } from '../../training/save-model.js';
import { parse, parseNumber, printJson, progressLine, UsageError, type Command } from '../command.js';
import { dataDir, registryAt } from '../context.js';

export const retrainCommand: Command = {
  name: 'retrain',
  summary: "build a candidate from production's training data plus analyst feedback, compare, register",
  usage: `
Usage: warden retrain [--data FILE]... [--out DIR] [--json] [options]

Merges the production model's training data (found by file name among --data, default the bundled
sets) with the current analyst labels from the service's database (feedback wins; deduplicated by
group key), makes one grouped holdout, trains a candidate with production's pipeline, evaluates
both on the same holdout (bootstrap intervals, confusion matrices, McNemar's test) and registers
the candidate under the alias 'candidate'. report.json and report.md go to --out.

Options:
  --data FILE            where to find production's training files; repeatable
  --out DIR              report and model directory: <out>/run-1 (default <data-dir>/retrain/<timestamp>)
  --json                 print the report as JSON
  --seed N               split seed (default 42)
  --test-fraction F      holdout share (default 0.2)
  --evaluate-on WHICH    all | feedback (default all)
  --max-recall-drop X    guard (default ${DEFAULT_GUARD.maxRecallDrop})
  --max-fpr-rise X       guard (default ${DEFAULT_GUARD.maxFprRise})
  --database-url URL     PostgreSQL (default $DATABASE_URL, else the embedded database in --data-dir)
  --data-dir DIR         registry and embedded database (default $WARDEN_DATA_DIR or ./var)
`,
  async run(argv, io) {
    const { values } = parse(argv, {
      data: { type: 'string', multiple: true },
      out: { type: 'string' },
      json: { type: 'boolean' },
      seed: { type: 'string' },
      'test-fraction': { type: 'string' },
      'evaluate-on': { type: 'string' },
      'max-recall-drop': { type: 'string' },
      'max-fpr-rise': { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
    }, false);
    const testFraction = parseNumber('test-fraction', values['test-fraction'], 0.2);
    if (!(testFraction > 0 && testFraction < 1)) throw new UsageError('--test-fraction must be in (0, 1)');
    const evaluateOn = values['evaluate-on'] ?? 'all';
    if (evaluateOn !== 'all' && evaluateOn !== 'feedback') throw new UsageError('--evaluate-on must be all or feedback');
    const dir = dataDir(io, values['data-dir']);
    const url = values['database-url'] ?? io.env.DATABASE_URL;
    const database = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: join(dir, 'pglite') });
    let feedback;
    try {
      feedback = await new FeedbackRepository(database.db).current({ limit: 10_000_000 });
    } finally {
      await database.close();
    }
    const outRoot = resolve(values.out ?? join(dir, 'retrain', new Date().toISOString().replace(/[:.]/g, '-')));
    // The same job the service runs; the labels were read above because the embedded database
    // allows one opener at a time and the registry opens it again per call.
    const labels = feedback;
    const job = new RetrainJob({ registry: registryAt(dir), feedback: { current: async () => labels }, outRoot, options: {
      dataPaths: values.data?.map((p) => resolve(p)) ?? BUNDLED_DATASETS,
      seed: parseNumber('seed', values.seed, 42),
      testFraction,
      evaluateOn,
      guard: {
        ...DEFAULT_GUARD,
        maxRecallDrop: parseNumber('max-recall-drop', values['max-recall-drop'], DEFAULT_GUARD.maxRecallDrop ?? 0.01),
        maxFprRise: parseNumber('max-fpr-rise', values['max-fpr-rise'], DEFAULT_GUARD.maxFprRise ?? 0.005),
      },
      onProgress: values.json ? undefined : progressLine(io),
    } });
    const { report, reportPaths } = await job.trigger(currentActor(), ['manual: warden retrain']);
    if (values.json) printJson(io, report);
    else {
      const c = report.comparison;
      const f = (x: number) => x.toFixed(4);
      io.stdout.write(
        `candidate ${report.candidate.version ?? '(unregistered)'} vs production ${report.production.version} on ${c.rows} holdout rows (${report.data.feedbackUsed} feedback rows used)\n` +
          `  recall    ${f(c.production.metrics.recall.estimate)} → ${f(c.candidate.metrics.recall.estimate)}\n` +
          `  FPR       ${f(c.production.metrics.fpr.estimate)} → ${f(c.candidate.metrics.fpr.estimate)}\n` +
          `  precision ${f(c.production.metrics.precision.estimate)} → ${f(c.candidate.metrics.precision.estimate)}\n` +
          `  McNemar p = ${c.mcnemar.pValue.toPrecision(3)} (${c.mcnemar.method})\n` +
          `  ${report.guard.promotable ? 'promotable' : `not promotable: ${report.guard.reasons.join('; ')}`}\n` +
          `  report: ${reportPaths.markdown}\n`,
      );
    }
    return 0;
  },
};
