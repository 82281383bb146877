import { loadConfig } from '../../config/config.js';
import { serve } from '../../serving/server.js';
import { parse, UsageError, type Command } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the HTTP API (embedded PGlite by default; DATABASE_URL / REDIS_URL to scale out)',
  usage: `
Usage: warden serve [--port N] [--workers N] [--host H] [--data-dir DIR] [--no-auth] [--model REF]

Starts the HTTP API. If no model is registered, the bundled one is trained first (once).
Storage: PGlite in <data-dir>/pglite unless DATABASE_URL is set (PostgreSQL). Rate limits are
in-process unless REDIS_URL is set. API keys come from WARDEN_API_KEYS_FILE (hashed records,
see 'warden keys') or WARDEN_API_KEYS ("role:key,…"); --no-auth disables authentication
explicitly, for local use. All settings: docs/configuration.md.

Options:
  --port N          port (default 8080, or $PORT)
  --workers N       HTTP worker processes (default: the number of cores)
  --host H          address to bind (default 0.0.0.0)
  --data-dir DIR    embedded database and registry (default $WARDEN_DATA_DIR or ./var)
  --model REF       registry alias or version to serve (default production)
  --no-auth         no API keys: every caller is an admin (local use only)
`,
  async run(argv, io) {
    const { values } = parse(argv, {
      port: { type: 'string' },
      workers: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      model: { type: 'string' },
      'no-auth': { type: 'boolean' },
    }, false);
    let config;
    try {
      config = loadConfig(io.env, { port: values.port, workers: values.workers, host: values.host, dataDir: values['data-dir'], noAuth: values['no-auth'], model: values.model });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    await serve(config);
    // Keep the process alive: the server owns the event loop from here.
    return new Promise<number>(() => {});
  },
};
