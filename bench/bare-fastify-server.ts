/**
 * The ceiling reference of the HTTP bench: a bare Fastify app on `node:cluster` with the same
 * worker count as the Warden server, answering `POST /v1/score` with a constant JSON of the
 * same shape (no model, no validation, no storage). Usage: `node bare-fastify-server.js PORT WORKERS`.
 */
import cluster from 'node:cluster';
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const workers = Number(process.argv[3] ?? 2);
const ANSWER = { risk_score: 0.012345, is_threat: false, label: 'benign', phishing_probability: null, threshold: 0.338483, model_version: 'v1' };

if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write('usage: node bare-fastify-server.js PORT [WORKERS]\n');
  process.exit(2);
}
if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.once('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const app = Fastify({ logger: false });
  app.post('/v1/score', async () => ANSWER);
  app.get('/ready', async () => ({ status: 'ready' }));
  await app.listen({ host: '127.0.0.1', port });
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
}
