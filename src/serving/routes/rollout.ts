import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { wardenError } from '../../errors.js';
import type { RolloutController } from '../../rollout/index.js';
import type { AppDeps } from '../app-deps.js';

const Reason = Type.Optional(Type.String({ maxLength: 1000 }));
const ShadowBody = Type.Object({ version: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]), reason: Reason }, { additionalProperties: false });
const CanaryBody = Type.Object(
  { version: Type.Optional(Type.String({ maxLength: 64 })), share: Type.Number({ minimum: 0, maximum: 1, description: 'share of traffic for the candidate, e.g. 0.1, 0.5, 1' }), reason: Reason },
  { additionalProperties: false },
);
const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
const AbortBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
type ShadowBody = Static<typeof ShadowBody>;
type CanaryBody = Static<typeof CanaryBody>;
type ReasonBody = Static<typeof ReasonBody>;
type AbortBody = Static<typeof AbortBody>;

/**
 * The rollout admin API: shadow, canary steps, promotion, abort, and the guard on demand.
 * Every step is written to the deployment history and the audit log by the controller.
 */
export function rolloutRoutes(app: FastifyInstance, deps: AppDeps): void {
  const controller = (): RolloutController => {
    if (!deps.rollout) throw wardenError('CONFLICT', 'rollout needs the database registry; this service runs with a file registry');
    return deps.rollout;
  };
  const actor = (req: { principal?: { keyId: string } | null }) => req.principal?.keyId ?? 'unknown';
  const serving = () => {
    const r = deps.models.routing;
    return { production: r.production.version, candidate: r.candidate?.version ?? null, canary_share: r.canaryShare, shadow: r.shadow?.version ?? null };
  };

  app.get('/v1/rollout', { config: { role: 'scorer' }, schema: { tags: ['rollout'], summary: 'The rollout state: production, candidate and its canary share, shadow; the guard policy; live counts' } }, async () => {
    const c = controller();
    return { state: await c.status(), serving: serving(), guard: c.policy, counts: deps.counters?.snapshot() ?? {} };
  });

  app.post<{ Body: ShadowBody }>(
    '/v1/rollout/shadow',
    { config: { role: 'admin' }, schema: { tags: ['rollout'], summary: 'A version scores every request silently (null stops it)', body: ShadowBody } },
    async (req) => ({ state: await controller().shadow(req.body.version, actor(req), req.body.reason), serving: serving() }),
  );

  app.post<{ Body: CanaryBody }>(
    '/v1/rollout/canary',
    { config: { role: 'admin' }, schema: { tags: ['rollout'], summary: 'Route a share of traffic to the candidate (stable per message)', body: CanaryBody } },
    async (req) => ({ state: await controller().canary(req.body.version ?? null, req.body.share, actor(req), req.body.reason), serving: serving() }),
  );

  app.post<{ Body: ReasonBody }>(
    '/v1/rollout/promote',
    { config: { role: 'admin' }, schema: { tags: ['rollout'], summary: 'The candidate becomes production for all traffic', body: Type.Optional(ReasonBody) } },
    async (req) => ({ state: await controller().promote(actor(req), req.body?.reason), serving: serving() }),
  );

  app.post<{ Body: AbortBody }>(
    '/v1/rollout/abort',
    { config: { role: 'admin' }, schema: { tags: ['rollout'], summary: 'End the canary: all traffic back to production', body: AbortBody } },
    async (req) => ({ state: await controller().abort(actor(req), req.body.reason), serving: serving() }),
  );

  app.post(
    '/v1/rollout/guard',
    { config: { role: 'admin' }, schema: { tags: ['rollout'], summary: 'Evaluate the canary guard now; rolls back automatically if it is crossed' } },
    async () => ({ ...(await controller().checkGuard()), serving: serving() }),
  );
}
