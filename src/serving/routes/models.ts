import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { readManifest } from '../../artifact/model-files.js';
import { ALIASES, type Alias } from '../../registry/model-registry.js';
import { wardenError } from '../../errors.js';
import type { AppDeps } from '../app-deps.js';
import { VersionParams } from '../schemas.js';

const PromoteBody = Type.Object(
  { alias: Type.Optional(Type.String({ description: 'production (default), candidate or shadow' })), reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
type PromoteBody = Static<typeof PromoteBody>;

/** Registry view, and admin-only promotion / rollback with a zero-downtime swap. */
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

  app.get<{ Params: VersionParams }>(
    '/v1/models/:version',
    { config: { role: 'scorer' }, schema: { tags: ['models'], summary: 'One model version (or alias) with its manifest', params: VersionParams } },
    async (req) => {
      const { version, dir } = await registry.resolve(req.params.version);
      const manifest = await readManifest(dir);
      const aliases = await registry.aliases();
      return { version, aliases: ALIASES.filter((a) => aliases[a] === version), manifest };
    },
  );

  app.post<{ Params: VersionParams; Body: PromoteBody }>(
    '/v1/models/:version/promote',
    { config: { role: 'admin' }, schema: { tags: ['models'], summary: 'Point an alias (default production) at a version; served within seconds, no request fails', params: VersionParams, body: Type.Optional(PromoteBody) } },
    async (req) => {
      const alias = (req.body?.alias ?? 'production') as Alias;
      if (!ALIASES.includes(alias)) throw wardenError('INVALID_INPUT', `alias must be one of ${ALIASES.join(', ')}`);
      const actor = req.principal?.keyId ?? 'unknown';
      const entry = await registry.promote(req.params.version, actor, alias);
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
}
