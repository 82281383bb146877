import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BUNDLED_DATASETS } from '../../data/index.js';
import { parseThresholdPolicy } from '../../model/index.js';
import { saveModel, currentActor } from '../../training/save-model.js';
import { train } from '../../training/train.js';
import { parse, parseNumber, printJson, progressLine, UsageError, type Command } from '../command.js';
import { dataDir, registryAt } from '../context.js';
import { readOptionsFrom, READ_FLAGS } from './read-flags.js';

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a model (default data: the bundled sets) and register it',
  usage: `
Usage: warden train [--data FILE]... [--out DIR] [--json] [options]

Trains on every row given. The held-out report comes from an internal grouped, stratified
split; model selection, calibration and the threshold use grouped CV folds of the training
part only; the final model is then refitted on all rows. The model is registered (the first
becomes production, later ones candidate).

Options:
  --data FILE          training data (UCI TSV, CSV with header, or JSONL); repeatable.
                       Default: the two bundled datasets, deduplicated across each other.
  --out DIR            also write the model directory here
  --json               print a JSON summary
  --seed N             split and fold seed (default 42)
  --test-fraction F    held-out share (default 0.2)
  --folds K            CV folds (default 5)
  --policy P           threshold policy: max-f1 | precision>=0.995 | recall>=0.9 | cost:fp=1,fn=5
  --calibration C      platt | isotonic (default platt)
  --rules MODE         auto | on | off: rule (tag) features as model inputs (default auto: kept
                       only if better out of fold)
  --no-refit           keep the holdout model instead of refitting on all rows
  --no-register        do not add the model to the registry
  --data-dir DIR       where the registry lives (default $WARDEN_DATA_DIR or ./var)
${READ_FLAGS}`,
  async run(argv, io) {
    const { values } = parse(argv, {
      data: { type: 'string', multiple: true },
      out: { type: 'string' },
      json: { type: 'boolean' },
      seed: { type: 'string' },
      'test-fraction': { type: 'string' },
      folds: { type: 'string' },
      policy: { type: 'string' },
      calibration: { type: 'string' },
      rules: { type: 'string' },
      'no-refit': { type: 'boolean' },
      'no-register': { type: 'boolean' },
      'data-dir': { type: 'string' },
      'text-col': { type: 'string' },
      'label-col': { type: 'string' },
      format: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
    }, false);
    const testFraction = parseNumber('test-fraction', values['test-fraction'], 0.2);
    if (testFraction < 0 || testFraction >= 1) throw new UsageError('--test-fraction must be in [0, 1)');
    const folds = parseNumber('folds', values.folds, 5);
    if (!Number.isInteger(folds) || folds < 2) throw new UsageError('--folds must be an integer ≥ 2');
    const calibration = values.calibration ?? 'platt';
    if (calibration !== 'platt' && calibration !== 'isotonic') throw new UsageError('--calibration must be platt or isotonic');
    const rules = values.rules ?? 'auto';
    if (!['auto', 'on', 'off'].includes(rules)) throw new UsageError('--rules must be auto, on or off');
    let policy;
    try {
      policy = values.policy ? parseThresholdPolicy(values.policy) : undefined;
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const paths = values.data?.map((p) => resolve(p)) ?? BUNDLED_DATASETS;
    const trained = await train({
      dataPaths: paths,
      readOptions: readOptionsFrom(values),
      seed: parseNumber('seed', values.seed, 42),
      testFraction,
      folds,
      calibration,
      ruleFeatures: rules === 'auto' ? 'auto' : rules === 'on',
      policy,
      refit: !values['no-refit'],
      onProgress: values.json ? undefined : progressLine(io),
    });
    const tmp = values.out ? null : await mkdtemp(join(tmpdir(), 'warden-model-'));
    const outDir = values.out ? resolve(values.out) : tmp!;
    try {
      let manifest = await saveModel(trained, outDir);
      let registered: { version: string; dir: string; aliases: string[] } | null = null;
      if (!values['no-register']) {
        const registry = registryAt(dataDir(io, values['data-dir']));
        registered = await registry.register(outDir, currentActor());
        manifest = { ...manifest, version: registered.version };
      }
      const summary = {
        model_id: manifest.id,
        version: registered?.version ?? null,
        aliases: registered?.aliases ?? [],
        model_dir: registered?.dir ?? outDir,
        out: values.out ? outDir : null,
        rows: manifest.data.rows,
        duplicates_removed: manifest.data.duplicatesRemoved,
        label_counts: manifest.data.labelCounts,
        data_fingerprint: manifest.data.fingerprint,
        split: manifest.split,
        learner: trained.cv.name,
        threshold: manifest.threshold.value,
        policy: manifest.threshold.policy,
        cv: trained.cv,
        test: trained.test,
        candidates: trained.candidates.map(({ candidate: _c, ...rest }) => rest),
        seconds: Math.round(trained.seconds * 100) / 100,
      };
      if (values.json) printJson(io, summary);
      else {
        const t = trained.test as Record<string, number> | null;
        io.stdout.write(
          `trained ${summary.learner} on ${summary.rows} rows in ${summary.seconds}s` +
            (registered ? `; registered as ${registered.version} (${registered.aliases.join(', ')})` : '') +
            `\n  CV (training folds): PR-AUC ${trained.cv.pr_auc.toFixed(4)}, best F1 ${trained.cv.max_f1.toFixed(4)}` +
            (t ? `\n  test split (${manifest.split.testRows} rows): precision ${t.precision.toFixed(4)}, recall ${t.recall.toFixed(4)}, F1 ${t.f1.toFixed(4)}, PR-AUC ${t.pr_auc.toFixed(4)}` : '') +
            `\n  threshold ${summary.threshold.toFixed(4)} (${JSON.stringify(summary.policy)})\n`,
        );
      }
      return 0;
    } finally {
      if (tmp) await rm(tmp, { recursive: true, force: true });
    }
  },
};
