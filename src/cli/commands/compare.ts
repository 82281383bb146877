import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BUNDLED_DATASETS } from '../../data/index.js';
import { compareCandidates, comparisonMarkdown } from '../../training/compare.js';
import { tagReportMarkdown, tagStats } from '../../training/tag-report.js';
import { parse, parseNumber, printJson, progressLine, type Command } from '../command.js';
import { readOptionsFrom, READ_FLAGS } from './read-flags.js';

export const compareCommand: Command = {
  name: 'compare',
  summary: 'compare learners (and text vs text + rule features) on the same grouped folds',
  usage: `
Usage: warden compare [--data FILE]... [--out DIR] [--json]

Trains every candidate (logistic regression, linear SVM + Platt, complement naive Bayes; each
with text features alone and with rule features added) on the same grouped stratified folds
of the training split and writes compare.json, compare.md and tags.md to DIR (default ./reports).

Options:
  --data FILE      labelled data; repeatable (default: the bundled sets)
  --out DIR        where to write the reports (default ./reports)
  --seed N         split and fold seed (default 42)
  --folds K        folds (default 5)
  --json           print the comparison as JSON
${READ_FLAGS}`,
  async run(argv, io) {
    const { values } = parse(argv, {
      data: { type: 'string', multiple: true },
      out: { type: 'string' },
      seed: { type: 'string' },
      folds: { type: 'string' },
      json: { type: 'boolean' },
      'text-col': { type: 'string' },
      'label-col': { type: 'string' },
      format: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
    }, false);
    const c = await compareCandidates({
      dataPaths: values.data?.map((p) => resolve(p)) ?? BUNDLED_DATASETS,
      readOptions: readOptionsFrom(values),
      seed: parseNumber('seed', values.seed, 42),
      folds: parseNumber('folds', values.folds, 5),
      onProgress: values.json ? undefined : progressLine(io),
    });
    const out = resolve(values.out ?? 'reports');
    await mkdir(out, { recursive: true });
    const { prepared, cvRows, ...report } = c;
    await writeFile(join(out, 'compare.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(out, 'compare.md'), comparisonMarkdown(c));
    await writeFile(join(out, 'tags.md'), tagReportMarkdown(tagStats(prepared, cvRows), cvRows.length, 'Training split of the comparison data (test split excluded),'));
    if (values.json) printJson(io, report);
    else io.stdout.write(`${comparisonMarkdown(c)}\nwrote ${join(out, 'compare.json')}, compare.md, tags.md\n`);
    return 0;
  },
};
