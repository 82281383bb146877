import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/package-info.js';

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** One HTTP request to 127.0.0.1:port; the body as text. */
export function call(port: number, method: string, path: string, body?: unknown): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
  const headers = payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {};
  return new Promise((resolve, reject) => {
    // a connection per request (no keep-alive), so the cluster spreads requests over its workers
    const req = request({ host: '127.0.0.1', port, path, method, headers, timeout: 10_000, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.end(payload ?? undefined);
  });
}

/** POST a JSON body; the answer parsed as JSON. */
export async function post(port: number, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const r = await call(port, 'POST', path, body);
  return { status: r.status, json: JSON.parse(r.text) };
}

function ready(port: number): Promise<boolean> {
  return call(port, 'GET', '/ready').then(
    (r) => r.status === 200,
    () => false,
  );
}

export interface ServedCluster {
  port: number;
  process: ChildProcess;
  /** The last 4,000 characters the server wrote to stderr. */
  stderr(): string;
  exited: Promise<number | null>;
}

/**
 * Starts `warden serve --workers N --no-auth` on a free port over `dataDir` (which must hold a
 * registered model) and resolves once `/ready` answers 200 and the other workers had time to join.
 */
export async function startServedCluster(dataDir: string, workers: number, env: Record<string, string> = {}): Promise<ServedCluster> {
  const port = await freePort();
  const server = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'warden.js'), 'serve', '--workers', String(workers), '--no-auth', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], {
    env: { ...process.env, WARDEN_LOG_LEVEL: 'warn', WARDEN_MODEL_POLL_MS: '600000', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  while (!(await ready(port))) {
    if (server.exitCode !== null) throw new Error(`server exited early:\n${stderr}`);
    if (Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error(`server not ready:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 1500)); // let the other workers join
  return { port, process: server, stderr: () => stderr, exited };
}
