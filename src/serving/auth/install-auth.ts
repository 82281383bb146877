import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../config/config.js';
import { wardenError } from '../../errors.js';
import { hasRole, type ApiKeyStore, type Principal } from './api-keys.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; routes without one are public (health, metrics, docs). */
    role?: Role;
  }
}

const LOCAL: Principal = { keyId: 'local', role: 'admin' };

function presentedKey(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}

/**
 * API-key authentication and role checks. With no store (the explicit --no-auth local mode)
 * every caller is treated as an admin named 'local'. The store is asked for per request (the
 * warm-up runs without one before the process listens).
 */
export function installAuth(app: FastifyInstance, keys: () => ApiKeyStore | null): void {
  app.decorateRequest('principal', null);
  // A callback hook: nothing here waits, and an async hook would cost a promise per request.
  app.addHook('onRequest', (req, _reply, done) => {
    const needed = req.routeOptions.config?.role;
    if (!needed) return done();
    const store = keys();
    if (!store) {
      req.principal = LOCAL;
      return done();
    }
    const key = presentedKey(req);
    if (!key) return done(wardenError('UNAUTHENTICATED', 'an API key is required: send "Authorization: Bearer <key>" or "x-api-key: <key>"'));
    const principal = store.verify(key);
    if (!principal) return done(wardenError('UNAUTHENTICATED', 'the API key is not valid'));
    if (!hasRole(principal, needed)) return done(wardenError('FORBIDDEN', `this action needs the '${needed}' role; the key has '${principal.role}'`));
    req.principal = principal;
    done();
  });
}
