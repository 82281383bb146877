import { resolve } from 'node:path';
import { readLabeled, type Label, type SkipReport } from '../../data/index.js';
import { wardenError } from '../../errors.js';
import { binaryMetrics, recallAtPrecision } from '../../model/index.js';
import { classReport } from '../../training/class-metrics.js';
import { parse, printJson, UsageError, type Command } from '../command.js';
import { dataDir, openModel, registryAt } from '../context.js';
import { readOptionsFrom, READ_FLAGS } from './read-flags.js';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a model on a labelled file',
  usage: `
Usage: warden eval --data FILE [--model DIR|VERSION] [--json]

Scores every row of a labelled file and reports, for the threat class (spam + phishing vs
benign): rows, threshold, precision, recall, f1, accuracy, roc_auc, pr_auc, confusion_matrix,
recall at precision ≥ 0.995; per-class figures where the labels have three classes.

Options:
  --model DIR|VERSION  a model directory, registry version (v3) or alias (default: production)
  --data FILE          labelled data (required)
  --json               print JSON
  --data-dir DIR       where the registry lives
${READ_FLAGS}`,
  async run(argv, io) {
    const { values } = parse(argv, {
      model: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
      'text-col': { type: 'string' },
      'label-col': { type: 'string' },
      format: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
    }, false);
    if (!values.data) throw new UsageError('--data FILE is required');
    const detector = await openModel(values.model, registryAt(dataDir(io, values['data-dir'])));
    const scores: number[] = [];
    const truth: Label[] = [];
    const predicted: Label[] = [];
    const skipped: SkipReport = { skipped: 0, reasons: {} };
    for await (const row of readLabeled(resolve(values.data), readOptionsFrom(values), skipped)) {
      const p = detector.score(row.text);
      scores.push(p.riskScore);
      truth.push(row.label);
      predicted.push(p.label);
    }
    if (scores.length === 0) throw wardenError('BAD_DATA', `${values.data}: no rows to evaluate`);
    const y = Uint8Array.from(truth, (l) => (l === 'benign' ? 0 : 1));
    const s = Float64Array.from(scores);
    const m = binaryMetrics(s, y, detector.threshold);
    const classes = new Set(truth);
    const out: Record<string, unknown> = {
      model_version: detector.version,
      data: values.data,
      ...m,
      recall_at_precision_995: recallAtPrecision(s, y, 0.995).recall,
      skipped: skipped.skipped,
      skipped_reasons: skipped.reasons,
    };
    if (classes.size === 3 || (classes.has('phishing') && classes.has('spam'))) {
      const report = classReport(truth, predicted);
      out.per_class = report.per_class;
      out.class_confusion_matrix = report.confusion;
      out.macro_f1 = report.macro_f1;
    }
    if (values.json) printJson(io, out);
    else {
      io.stdout.write(
        `${m.rows} rows, model ${detector.version}, threshold ${m.threshold.toFixed(4)}\n` +
          `threat class: precision ${m.precision.toFixed(4)}  recall ${m.recall.toFixed(4)}  F1 ${m.f1.toFixed(4)}  ` +
          `accuracy ${m.accuracy.toFixed(4)}  ROC-AUC ${m.roc_auc.toFixed(4)}  PR-AUC ${m.pr_auc.toFixed(4)}\n` +
          `confusion: tp ${m.confusion_matrix.tp}  fp ${m.confusion_matrix.fp}  tn ${m.confusion_matrix.tn}  fn ${m.confusion_matrix.fn}\n`,
      );
    }
    return 0;
  },
};
