import { readManifest } from '../../artifact/model-files.js';
import { ALIASES, type Alias } from '../../registry/model-registry.js';
import { currentActor } from '../../training/save-model.js';
import { parse, printJson, UsageError, type Command } from '../command.js';
import { dataDir, registryAt } from '../context.js';

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
       warden models history [--json]

Every change of an alias is appended to the registry's audit log (who, when, from → to).
Options: --data-dir DIR (default $WARDEN_DATA_DIR or ./var), --actor NAME (default: $WARDEN_ACTOR or the user)
`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      json: { type: 'boolean' },
      alias: { type: 'string' },
      reason: { type: 'string' },
      actor: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    const [sub, arg] = positionals;
    const registry = registryAt(dataDir(io, values['data-dir']));
    const actor = values.actor ?? currentActor();
    switch (sub) {
      case 'list': {
        const list = await registry.list();
        if (values.json) printJson(io, list);
        else if (list.length === 0) io.stdout.write(`no models registered in ${registry.root}\n`);
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
        const { dir } = await registry.resolve(arg);
        const manifest = await readManifest(dir);
        if (values.json) printJson(io, { ...manifest, dir });
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
        const log = await registry.audit();
        if (values.json) printJson(io, log);
        else for (const e of log) io.stdout.write(`${e.at}  ${e.actor.padEnd(12)} ${e.action.padEnd(8)} ${(e.alias ?? '').padEnd(10)} ${e.from ?? '-'} → ${e.to ?? '-'}${e.reason ? `  (${e.reason})` : ''}\n`);
        return 0;
      }
      default:
        throw new UsageError(sub ? `unknown models subcommand '${sub}'` : 'models needs a subcommand: list, show, promote, rollback, history');
    }
  },
};
