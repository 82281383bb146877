/**
 * A server under test as a child process in its own process group: started on a free
 * 127.0.0.1 port, polled until `GET /ready` answers 200, and always stopped (SIGTERM to the
 * group, SIGKILL after a grace period; also on this process's exit).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';

export interface ChildServer {
  port: number;
  pid: number;
  /** User + system CPU seconds of the server and all its descendants so far (Linux /proc). */
  cpuSeconds(): number;
  /** The same for the top process alone (a cluster's primary), without its workers. */
  primaryCpuSeconds(): number;
  /** The last lines the server wrote to stderr/stdout (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
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

/** GET http://127.0.0.1:port/path → status code (0 on a connection error). */
export function getStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (utime + stime) of pid alone, read from /proc; 0 when unavailable. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds (utime + stime) of pid and its descendants, read from /proc; 0 when unavailable. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(rest[11]) + Number(rest[12]);
      for (const child of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/)) {
        if (child) stack.push(Number(child));
      }
    } catch {
      // the process ended between reads, or no /proc: count what we have
    }
  }
  return ticks / CLOCK_TICKS;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `command args…` (which must listen on `port`) and resolves once `GET /ready` is 200,
 * or rejects after `readyTimeoutMs` (the child is killed then).
 */
export async function startChildServer(command: string, args: string[], port: number, env: NodeJS.ProcessEnv, readyTimeoutMs = 180_000): Promise<ChildServer> {
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);
  const stop = async (): Promise<void> => {
    killGroup(child, 'SIGTERM');
    const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
    if ((await Promise.race([exited.then(() => 'exited' as const), grace])) === 'timeout') {
      killGroup(child, 'SIGKILL');
      await exited;
    }
    // Workers of a cluster may outlive a primary that exited first: sweep the group.
    killGroup(child, 'SIGKILL');
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // group empty
    }
    process.removeListener('exit', onExit);
  };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited before ready (${child.exitCode ?? child.signalCode}):\n${tail}`);
    if ((await getStatus(port, '/ready')) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not ready after ${readyTimeoutMs} ms:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, pid: child.pid!, cpuSeconds: () => treeCpuSeconds(child.pid!), primaryCpuSeconds: () => processCpuSeconds(child.pid!), output: () => tail, stop };
}
