import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { simulate } from '../../simulation/simulate.js';
import { parse, parseNumber, printJson, UsageError, type Command } from '../command.js';

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'replay months of traffic, an attacker adaptation, feedback, retraining, shadow, canary and promotion',
  usage: `
Usage: warden simulate [--json] [--out DIR] [--seed N] [--days N] [--attack-day N] [--per-day N]

Trains a production model on part of the bundled data and replays the rest as daily traffic
through an in-process service with a real (in-memory) database. From the attack day, threats use
new lures and rewritten links/characters. Analysts label the top alerts and a sample of the rest;
score drift (PSI) raises the alert; a candidate is retrained from the feedback, compared with
production (bootstrap intervals, McNemar), shadowed, canaried at 10% then 50%, and promoted if
the guards hold. Writes report.md, metrics.svg, psi.svg and versions.svg under --out.

Options:
  --out DIR        where to write the report and plots (default ./simulation)
  --json           print one JSON object (the contract fields and the timeline)
  --seed N         default 7
  --days N         default 45
  --attack-day N   default 45% of the days
  --per-day N      messages a day (default 200)
`,
  async run(argv, io) {
    const { values } = parse(argv, {
      out: { type: 'string' },
      json: { type: 'boolean' },
      seed: { type: 'string' },
      days: { type: 'string' },
      'attack-day': { type: 'string' },
      'per-day': { type: 'string' },
    }, false);
    const days = parseNumber('days', values.days, 45);
    if (!Number.isInteger(days) || days < 14) throw new UsageError('--days must be an integer ≥ 14');
    const attackDay = values['attack-day'] === undefined ? undefined : parseNumber('attack-day', values['attack-day'], 0);
    if (attackDay !== undefined && !(Number.isInteger(attackDay) && attackDay >= 8 && attackDay < days)) throw new UsageError('--attack-day must be an integer in [8, days)');
    const perDay = parseNumber('per-day', values['per-day'], 200);
    if (!Number.isInteger(perDay) || perDay < 20 || perDay > 1000) throw new UsageError('--per-day must be an integer in [20, 1000]');
    const outDir = resolve(values.out ?? 'simulation');
    await mkdir(outDir, { recursive: true });
    const result = await simulate({
      outDir,
      seed: parseNumber('seed', values.seed, 7),
      days,
      attackDay,
      perDay,
      onEvent: values.json ? undefined : (day, e) => io.stdout.write(`day ${String(day).padStart(3)}  ${e}\n`),
    });
    if (values.json) {
      printJson(io, result);
      return 0;
    }
    const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
    io.stdout.write(
      `\nattack day ${result.attack_start_day}, drift detected day ${result.drift_detected_day ?? 'never'}, retrained day ${result.retrain_day ?? 'never'}\n` +
        `recall on new tactics: production ${f(result.production_recall_new_tactics)}, candidate ${f(result.candidate_recall_new_tactics)}\n` +
        `McNemar p = ${result.mcnemar_p_value === null ? 'n/a' : result.mcnemar_p_value.toPrecision(3)}; promoted: ${result.promoted ? `yes (day ${result.promotion_day})` : 'no'}\n` +
        `report: ${result.files.report} (${result.seconds}s)\n`,
    );
    return 0;
  },
};
