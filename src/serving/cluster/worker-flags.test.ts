import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerExecArgv, WORKER_SEMI_SPACE_MB } from './worker-flags.js';

test('workers get a larger young generation, after the primary\'s own flags', () => {
  assert.deepEqual(workerExecArgv(['--enable-source-maps']), ['--enable-source-maps', `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`]);
  assert.deepEqual(workerExecArgv([]), [`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`]);
});

test('an operator\'s own semi-space size wins, on the command line or in NODE_OPTIONS, in any spelling', () => {
  assert.deepEqual(workerExecArgv(['--max-semi-space-size=8']), ['--max-semi-space-size=8']);
  assert.deepEqual(workerExecArgv(['--max_semi_space_size', '64']), ['--max_semi_space_size', '64']);
  assert.deepEqual(workerExecArgv(['--inspect'], '--max-old-space-size=4096 --max-semi-space-size=4'), ['--inspect']);
  assert.deepEqual(workerExecArgv([], '--max-old-space-size=4096'), [`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`], 'another flag is not a choice of this one');
});
