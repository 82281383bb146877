import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { readManifest } from '../../artifact/model-files.js';
import { ALIASES, type Alias, type DeploymentRegistry, type ModelRegistry } from '../../registry/model-registry.js';
import { wardenError } from '../../errors.js';
import type { AppDeps } from '../app-deps.js';
import { VersionParams } from '../schemas.js';
import { rolloutRoutes } from './rollout.js';

const PromoteBody = Type.Object(
  { alias: Type.Optional(Type.String({ description: 'production (default), candidate or shadow' })), reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
type PromoteBody = Static<typeof PromoteBody>;
const HistoryQuery = Type.Object(
  {
    at: Type.Optional(Type.String({ description: 'an instant (ISO 8601): only the deployments in force then' })),
    alias: Type.Optional(Type.String({ description: 'production, candidate or shadow' })),
  },
  { additionalProperties: false },
);
type HistoryQuery = Static<typeof HistoryQuery>;

const withHistory = (r: ModelRegistry): r is DeploymentRegistry => typeof (r as Partial<DeploymentRegistry>).history === 'function';

/** Parses an instant given by a user; INVALID_INPUT otherwise. */
export function parseInstant(value: string): Date {
  const d = new Date(value);
  if (value.trim() === '' || Number.isNaN(d.getTime())) throw wardenError('INVALID_INPUT', `'${value}' is not a date-time (use ISO 8601, e.g. 2025-03-03T14:00:00Z)`);
  return d;
}

/** Registry view and deployment history, admin-only promotion / rollback with a zero-downtime swap, and the rollout API. */
export function modelRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { registry, models } = deps;

  async function swapIfServing(actor: string, action: string, details: Record<string, unknown>): Promise<void> {
    await deps.stores.audit.append({ actor, action, subject: 'model', details }).catch((err) => app.log.error({ err }, 'audit write failed'));
    await models.refresh(registry, deps.config.modelRef);
  }

  app.get('/v1/models', { config: { role: 'scorer' }, schema: { tags: ['models'], summary: 'Registered model versions and aliases' } }, async () => ({
    serving: models.loaded ? models.current.version : null,
    aliases: await registry.aliases(),
    models: await registry.list(),
  }));

  app.get<{ Querystring: HistoryQuery }>(
    '/v1/models/history',
    { config: { role: 'scorer' }, schema: { tags: ['models'], summary: 'Deployment history: which version served which share of traffic, from when to when, changed by whom and why', querystring: HistoryQuery } },
    async (req) => {
      const { at, alias } = req.query;
      if (alias !== undefined && !ALIASES.includes(alias as Alias)) throw wardenError('INVALID_INPUT', `alias must be one of ${ALIASES.join(', ')}`);
      if (!withHistory(registry)) return { at: null, events: await registry.audit() };
      const instant = at === undefined ? undefined : parseInstant(at);
      const events = await registry.history({ alias: alias as Alias | undefined, at: instant });
      return { at: instant?.toISOString() ?? null, state: instant ? await registry.rollout(instant) : null, events };
    },
  );

  app.get<{ Params: VersionParams }>(
    '/v1/models/:version',
    { config: { role: 'scorer' }, schema: { tags: ['models'], summary: 'One model version (or alias) with its manifest and lineage', params: VersionParams } },
    async (req) => {
      const { version, dir } = await registry.resolve(req.params.version);
      const manifest = await readManifest(dir);
      const aliases = await registry.aliases();
      const lineage = withHistory(registry) ? await registry.lineage(version) : null;
      return { version, aliases: ALIASES.filter((a) => aliases[a] === version), record: lineage?.[0] ?? null, lineage: lineage?.map((v) => v.version) ?? null, manifest: { ...manifest, version, parent: lineage?.[0]?.parent ?? manifest.parent } };
    },
  );

  app.post<{ Params: VersionParams; Body: PromoteBody }>(
    '/v1/models/:version/promote',
    { config: { role: 'admin' }, schema: { tags: ['models'], summary: 'Point an alias (default production) at a version; served within seconds, no request fails', params: VersionParams, body: Type.Optional(PromoteBody) } },
    async (req) => {
      const alias = (req.body?.alias ?? 'production') as Alias;
      if (!ALIASES.includes(alias)) throw wardenError('INVALID_INPUT', `alias must be one of ${ALIASES.join(', ')}`);
      const actor = req.principal?.keyId ?? 'unknown';
      const entry = withHistory(registry)
        ? await registry.setAlias(alias, (await registry.resolve(req.params.version)).version, actor, { action: 'promote', reason: req.body?.reason })
        : await registry.promote(req.params.version, actor, alias);
      await swapIfServing(actor, 'model.promote', { ...entry, reason: req.body?.reason ?? null });
      return { ...entry, serving: models.current.version };
    },
  );

  app.post<{ Body: PromoteBody }>(
    '/v1/models/rollback',
    { config: { role: 'admin' }, schema: { tags: ['models'], summary: 'Production goes back to the version before its current one', body: Type.Optional(PromoteBody) } },
    async (req) => {
      const actor = req.principal?.keyId ?? 'unknown';
      const entry = await registry.rollback(actor, req.body?.reason);
      await swapIfServing(actor, 'model.rollback', { ...entry });
      return { ...entry, serving: models.current.version };
    },
  );

  rolloutRoutes(app, deps);
}
