import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimeLine, timedRun } from './timed-run.js';

test('parseTimeLine: wall, user + system CPU, peak RSS in MB', () => {
  const r = parseTimeLine('5.29 4.90 0.31 251904\n');
  assert.equal(r.wallSeconds, 5.29);
  assert.ok(Math.abs(r.cpuSeconds - 5.21) < 1e-9);
  assert.equal(r.maxRssMB, 246);
});

test('parseTimeLine refuses a line that is not four numbers', () => {
  assert.throws(() => parseTimeLine('Command exited with non-zero status 1'), /unexpected GNU time output/);
  assert.throws(() => parseTimeLine(''), /unexpected GNU time output/);
  assert.throws(() => parseTimeLine('1 2 3'), /unexpected GNU time output/);
});

test('timedRun returns the child status and output (a failing child too)', () => {
  const ok = timedRun(process.execPath, ['-e', 'process.stdout.write("hello")']);
  assert.equal(ok.status, 0);
  assert.equal(ok.stdout, 'hello');
  assert.ok(ok.wallSeconds > 0);
  const bad = timedRun(process.execPath, ['-e', 'process.exit(3)']);
  assert.equal(bad.status, 3);
});
