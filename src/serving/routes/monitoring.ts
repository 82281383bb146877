import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';

/** GET /v1/monitoring/* (being built). */
export function monitoringRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
