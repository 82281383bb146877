import { readManifest } from '../../artifact/model-files.js';
import { ALIASES, type Alias, type DeploymentEvent } from '../../registry/model-registry.js';
import { currentActor } from '../../training/save-model.js';
import { parse, printJson, UsageError, type Command } from '../command.js';
import { dataDir, openRegistry } from '../context.js';
import { adminApi } from './rollout.js';

function instant(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--at must be a date-time (ISO 8601, e.g. 2025-03-03T14:00:00Z), got '${value}'`);
  return d;
}

function eventLine(e: DeploymentEvent): string {
  const share = e.to ? ` ${(e.share * 100).toFixed(0).padStart(3)}%` : '     ';
  return `${e.at}  ${e.until ?? 'now'.padEnd(24)}  ${e.actor.padEnd(14)} ${e.action.padEnd(13)} ${(e.alias ?? '').padEnd(10)} ${e.from ?? '-'} → ${e.to ?? '-'}${share}${e.reason ? `  (${e.reason})` : ''}\n`;
}

function fmt(n: unknown): string {
  return typeof n === 'number' ? n.toFixed(4) : '-';
}

export const modelsCommand: Command = {
  name: 'models',
  summary: 'list, show, promote and roll back registered models',
  usage: `
Usage: warden models list [--json]
       warden models show <version|alias> [--json]
       warden models promote <version> [--alias production|candidate|shadow] [--json]
       warden models rollback [--reason TEXT] [--json]
       warden models history [--at TIME] [--alias A] [--json]
       warden models lineage <version|alias> [--json]

The registry lives in the service's database (PGlite in DATA_DIR/pglite, or DATABASE_URL);
artifacts in DATA_DIR/artifacts/<sha256>/. Every alias change is appended to the deployment
history (who, when, from → to, traffic share, why); --at answers "what was serving at TIME?".
Options: --data-dir DIR (default $WARDEN_DATA_DIR or ./var), --actor NAME (default: $WARDEN_ACTOR or the user),
         --url http://HOST:PORT: history through a running service's API (key in WARDEN_API_KEY)
`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      json: { type: 'boolean' },
      alias: { type: 'string' },
      reason: { type: 'string' },
      actor: { type: 'string' },
      at: { type: 'string' },
      url: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    const [sub, arg] = positionals;
    const at = values.at === undefined ? undefined : instant(values.at);
    if (values.alias !== undefined && !ALIASES.includes(values.alias as Alias)) throw new UsageError(`--alias must be one of ${ALIASES.join(', ')}`);
    if (values.url) {
      if (sub !== 'history') throw new UsageError('--url works with models history; use warden rollout --url to change what a service serves');
      const q = new URLSearchParams();
      if (values.at) q.set('at', values.at);
      if (values.alias) q.set('alias', values.alias);
      const res = (await adminApi(io, values.url, 'GET', `/v1/models/history?${q}`)) as { events: DeploymentEvent[] };
      if (values.json) printJson(io, res.events);
      else for (const e of res.events) io.stdout.write(eventLine(e));
      return 0;
    }
    const open = await openRegistry(dataDir(io, values['data-dir']), io.env);
    const registry = open.registry;
    const actor = values.actor ?? currentActor();
    try {
      switch (sub) {
        case 'list': {
          const list = await registry.list();
          if (values.json) printJson(io, list);
          else if (list.length === 0) io.stdout.write(`no models registered (artifacts in ${registry.root})\n`);
          else {
            io.stdout.write('VERSION  ALIASES               LEARNER  THRESHOLD  TEST-F1  TEST-PR-AUC  CREATED\n');
            for (const e of list) {
              const t = e.metrics.test as Record<string, number> | null;
              io.stdout.write(
                `${e.version.padEnd(8)} ${e.aliases.join(',').padEnd(21)} ${e.learner.padEnd(8)} ${e.threshold.toFixed(4).padEnd(10)} ${fmt(t?.f1).padEnd(8)} ${fmt(t?.pr_auc).padEnd(12)} ${e.createdAt}\n`,
              );
            }
          }
          return 0;
        }
        case 'show': {
          if (!arg) throw new UsageError('models show needs a version or alias');
          const { dir, version } = await registry.resolve(arg);
          const record = await registry.show(version);
          const manifest = { ...(await readManifest(dir)), version, parent: record.parent };
          if (values.json) printJson(io, { ...manifest, dir, registry: record });
          else {
            const t = manifest.metrics.test as Record<string, number> | null;
            io.stdout.write(
              [
                `version      ${manifest.version}  (id ${manifest.id})`,
                `created      ${manifest.createdAt} by ${manifest.createdBy} (${manifest.codeVersion})`,
                `parent       ${manifest.parent ?? '-'}`,
                `data         ${manifest.data.rows} rows, fingerprint ${manifest.data.fingerprint.slice(0, 16)}…  (${manifest.data.files.map((f) => f.path).join(', ')})`,
                `split        ${manifest.split.method}, test ${manifest.split.testFraction}, seed ${manifest.split.seed}, ${manifest.split.folds} folds`,
                `learner      ${manifest.pipeline.learner.type} ${JSON.stringify(manifest.pipeline.learner.params)}${manifest.pipeline.ruleFeatures ? ' + rule features' : ''}`,
                `threshold    ${manifest.threshold.value.toFixed(4)} ${JSON.stringify(manifest.threshold.policy)}`,
                `feedback     ${record.feedback.count} labels${record.feedback.sha256 ? `, fingerprint ${record.feedback.sha256.slice(0, 16)}…` : ''}`,
                `registered   ${record.registeredAt} by ${record.registeredBy}; aliases ${record.aliases.join(', ') || '-'}`,
                `test         precision ${fmt(t?.precision)} recall ${fmt(t?.recall)} F1 ${fmt(t?.f1)} PR-AUC ${fmt(t?.pr_auc)}`,
                `dir          ${dir}`,
                '',
              ].join('\n'),
            );
          }
          return 0;
        }
        case 'promote': {
          if (!arg) throw new UsageError('models promote needs a version');
          const alias = (values.alias ?? 'production') as Alias;
          if (!ALIASES.includes(alias)) throw new UsageError(`--alias must be one of ${ALIASES.join(', ')}`);
          const entry = await registry.promote(arg, actor, alias);
          if (values.json) printJson(io, entry);
          else io.stdout.write(`${alias}: ${entry.from ?? '(none)'} → ${entry.to}\n`);
          return 0;
        }
        case 'rollback': {
          const entry = await registry.rollback(actor, values.reason);
          if (values.json) printJson(io, entry);
          else io.stdout.write(`production rolled back: ${entry.from} → ${entry.to}\n`);
          return 0;
        }
        case 'history': {
          const events = await registry.history({ alias: values.alias as Alias | undefined, at });
          if (values.json) printJson(io, events);
          else if (at && events.length === 0) io.stdout.write(`nothing was deployed at ${at.toISOString()}\n`);
          else for (const e of events) io.stdout.write(eventLine(e));
          return 0;
        }
        case 'lineage': {
          const chain = await registry.lineage(arg ?? 'production');
          if (values.json) printJson(io, chain);
          else for (const v of chain) io.stdout.write(`${v.version.padEnd(6)} parent ${(v.parent ?? '-').padEnd(6)} data ${v.dataFingerprint.slice(0, 12)}…  feedback ${v.feedback.count}  by ${v.registeredBy} at ${v.registeredAt}\n`);
          return 0;
        }
        default:
          throw new UsageError(sub ? `unknown models subcommand '${sub}'` : 'models needs a subcommand: list, show, promote, rollback, history, lineage');
      }
    } finally {
      await open.close();
    }
  },
};
