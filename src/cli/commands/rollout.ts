import { wardenError, type ErrorCode } from '../../errors.js';
import { RolloutController, type GuardCheck } from '../../rollout/index.js';
import type { RolloutState } from '../../registry/model-registry.js';
import { currentActor } from '../../training/save-model.js';
import { parse, parseNumber, printJson, UsageError, type Command, type Io } from '../command.js';
import { dataDir, openRegistry } from '../context.js';
import { AuditRepository } from '../../storage/index.js';

/**
 * Calls the admin API of a running service (`--url`), with the key in WARDEN_API_KEY. Used when
 * the server owns the embedded database, and to change what a live fleet serves.
 */
export async function adminApi(io: Io, base: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
  const key = io.env.WARDEN_API_KEY;
  if (!key) throw new UsageError('--url needs the admin API key in WARDEN_API_KEY');
  let res: Response;
  try {
    res = await fetch(new URL(path, base), {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw wardenError('STORAGE_UNAVAILABLE', `cannot reach the Warden API at ${base}`, { cause });
  }
  const json = (await res.json().catch(() => null)) as { error?: { code?: ErrorCode; message?: string } } | null;
  if (!res.ok) throw wardenError(json?.error?.code ?? 'INTERNAL', json?.error?.message ?? `HTTP ${res.status} from ${path}`);
  return json;
}

function describe(s: RolloutState): string {
  const canary = s.candidate ? `${s.candidate} at ${(s.canaryShare * 100).toFixed(0)}%` : '-';
  return `production ${s.production ?? '-'} (${((1 - s.canaryShare) * 100).toFixed(0)}%)  canary ${canary}  shadow ${s.shadow ?? '-'}\n`;
}

export const rolloutCommand: Command = {
  name: 'rollout',
  summary: 'shadow, canary steps, promotion, abort and the guard for a candidate model',
  usage: `
Usage: warden rollout status [--json]
       warden rollout shadow <version|none> [--reason TEXT]
       warden rollout canary <share> [--version V] [--reason TEXT]     share in [0, 1], e.g. 0.1, 0.5, 1
       warden rollout promote [--reason TEXT]
       warden rollout abort --reason TEXT
       warden rollout guard [--json]        evaluate the canary guard now (rolls back if crossed)

Every step is recorded in the deployment history (warden models history) and the audit log.
A running service picks changes up within seconds (WARDEN_MODEL_POLL_MS).
Options: --data-dir DIR, --actor NAME, --url http://HOST:PORT (go through the admin API; key in WARDEN_API_KEY)
`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      json: { type: 'boolean' },
      reason: { type: 'string' },
      version: { type: 'string' },
      actor: { type: 'string' },
      url: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    const [sub, arg] = positionals;
    const actor = values.actor ?? currentActor();
    const print = (out: { state?: RolloutState } & Partial<GuardCheck>) => {
      if (values.json) printJson(io, out);
      else if (out.state) io.stdout.write(describe(out.state));
      if (!values.json && out.checked !== undefined) io.stdout.write(out.checked ? (out.rollback ? `guard crossed, canary ended: ${out.reasons?.join('; ')}\n` : 'guard holds\n') : 'no canary running\n');
    };
    const needsReason = () => {
      if (!values.reason) throw new UsageError('rollout abort needs --reason');
      return values.reason;
    };
    const share = () => {
      if (arg === undefined) throw new UsageError('rollout canary needs a share, e.g. 0.1');
      return parseNumber('share', arg, 0);
    };
    const shadowVersion = () => {
      if (!arg) throw new UsageError("rollout shadow needs a version (or 'none')");
      return arg === 'none' ? null : arg;
    };
    if (values.url) {
      const url = values.url;
      const call = (path: string, body: unknown) => adminApi(io, url, 'POST', path, body);
      switch (sub) {
        case 'status':
          print(await adminApi(io, url, 'GET', '/v1/rollout'));
          return 0;
        case 'shadow':
          print(await call('/v1/rollout/shadow', { version: shadowVersion(), reason: values.reason }));
          return 0;
        case 'canary':
          print(await call('/v1/rollout/canary', { share: share(), version: values.version, reason: values.reason }));
          return 0;
        case 'promote':
          print(await call('/v1/rollout/promote', { reason: values.reason }));
          return 0;
        case 'abort':
          print(await call('/v1/rollout/abort', { reason: needsReason() }));
          return 0;
        case 'guard':
          print(await call('/v1/rollout/guard', {}));
          return 0;
        default:
          throw new UsageError(sub ? `unknown rollout subcommand '${sub}'` : 'rollout needs a subcommand: status, shadow, canary, promote, abort, guard');
      }
    }
    const open = await openRegistry(dataDir(io, values['data-dir']), io.env);
    try {
      const c = new RolloutController({ registry: open.registry, audit: new AuditRepository(open.database.db), db: open.database.db });
      switch (sub) {
        case 'status':
          print({ state: await c.status() });
          return 0;
        case 'shadow':
          print({ state: await c.shadow(shadowVersion(), actor, values.reason) });
          return 0;
        case 'canary':
          print({ state: await c.canary(values.version ?? null, share(), actor, values.reason) });
          return 0;
        case 'promote':
          print({ state: await c.promote(actor, values.reason) });
          return 0;
        case 'abort':
          print({ state: await c.abort(actor, needsReason()) });
          return 0;
        case 'guard': {
          const g = await c.checkGuard(actor);
          print({ ...g, state: await c.status() });
          return 0;
        }
        default:
          throw new UsageError(sub ? `unknown rollout subcommand '${sub}'` : 'rollout needs a subcommand: status, shadow, canary, promote, abort, guard');
      }
    } finally {
      await open.close();
    }
  },
};
