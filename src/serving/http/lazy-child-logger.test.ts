import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { auth, testApp } from '../../../test/support/test-app.js';
import { lazyChildLoggerFactory } from './lazy-child-logger.js';

/** A real pino logger writing JSON lines into an array, with a count of the children it made. */
function memoryLogger(level: string): { log: Logger; lines: Record<string, unknown>[]; children: () => number } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const log = pino({ level }, sink);
  let made = 0;
  // pino's children inherit from their parent, this override included: it counts theirs too.
  const child = log.child;
  log.child = function (this: Logger, bindings, options) {
    made++;
    return child.call(this, bindings, options);
  } as Logger['child'];
  return { log, lines, children: () => made };
}

const flushed = () => new Promise((r) => setImmediate(r));
const factory = (log: Logger, bindings: Record<string, unknown>, options: Record<string, unknown> = {}) =>
  lazyChildLoggerFactory.call(null as never, log, bindings, options, null as never);

test('a request child that logs nothing is never made; one that logs writes what the real child would', async () => {
  const { log, lines, children } = memoryLogger('info');
  const quiet = factory(log, { request_id: 'r-1' });
  quiet.debug('below the level');
  quiet.trace({ x: 1 }, 'below the level');
  assert.equal(quiet.level, 'info');
  assert.equal(children(), 0, 'no child for a request that wrote nothing');

  const lazy = factory(log, { request_id: 'r-2' });
  lazy.info({ code: 'EMPTY_TEXT' }, 'the text is empty');
  lazy.warn('second line');
  const real = log.child({ request_id: 'r-3' });
  real.info({ code: 'EMPTY_TEXT' }, 'the text is empty');
  await flushed();
  assert.equal(children(), 2, 'one child for the lazy logger (made once), one for the real one');
  assert.equal(lines.length, 3);
  const strip = ({ time: _t, pid: _p, hostname: _h, ...rest }: Record<string, unknown>) => rest;
  assert.deepEqual(strip(lines[0]), { level: 30, request_id: 'r-2', code: 'EMPTY_TEXT', msg: 'the text is empty' });
  assert.deepEqual(strip(lines[1]), { level: 40, request_id: 'r-2', msg: 'second line' });
  assert.deepEqual(strip(lines[2]), { ...strip(lines[0]), request_id: 'r-3' }, 'the same line as a real child writes');
});

test('a request child keeps a route level, passes level changes and grandchildren on', async () => {
  const { log, lines } = memoryLogger('warn');
  const routeDebug = factory(log, { request_id: 'r-4' }, { level: 'debug' });
  assert.equal(routeDebug.level, 'debug');
  routeDebug.debug('a route logging at debug');
  const lazy = factory(log, { request_id: 'r-5' });
  lazy.level = 'info';
  assert.equal(lazy.level, 'info');
  lazy.info('now at info');
  lazy.child({ step: 'parse' }).error('from a grandchild');
  await flushed();
  assert.deepEqual(lines.map((l) => [l.request_id, l.msg, l.step]), [
    ['r-4', 'a route logging at debug', undefined],
    ['r-5', 'now at info', undefined],
    ['r-5', 'from a grandchild', 'parse'],
  ]);
});

test('the app logs a refused request with its request id, and a scored one not at all', async () => {
  const { log, lines, children } = memoryLogger('info');
  const t = await testApp({ logger: log });
  try {
    const start = children();
    const ok = await t.app.inject({ method: 'POST', url: '/v1/score', headers: { ...auth('scorer'), 'x-request-id': 'req-ok' }, payload: { text: 'see you at 6' } });
    assert.equal(ok.statusCode, 200);
    assert.equal(children(), start, 'a scored request makes no child logger');
    const before = children();
    const bad = await t.app.inject({ method: 'POST', url: '/v1/score', headers: { ...auth('scorer'), 'x-request-id': 'req-bad' }, payload: { text: '   ' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'EMPTY_TEXT');
    await flushed();
    assert.equal(children() - before, 1, 'only the refused request made its child');
    const byRequest = lines.filter((l) => l.request_id !== undefined);
    assert.deepEqual(byRequest.map((l) => [l.request_id, l.code]), [['req-bad', 'EMPTY_TEXT']]);
  } finally {
    await t.close();
  }
});
