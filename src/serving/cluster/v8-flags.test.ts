import { test } from 'node:test';
import assert from 'node:assert/strict';
import { primaryHeapFlag, PRIMARY_HEAP_GROWING_PERCENT, workerExecArgv, WORKER_SEMI_SPACE_MB } from './v8-flags.js';

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

test('the primary lets its heap grow further unless the operator chose a factor on the command line', () => {
  assert.equal(primaryHeapFlag([]), `--heap-growing-percent=${PRIMARY_HEAP_GROWING_PERCENT}`);
  assert.equal(primaryHeapFlag(['--max-semi-space-size=8', '--max-old-space-size=512']), `--heap-growing-percent=${PRIMARY_HEAP_GROWING_PERCENT}`);
  assert.equal(primaryHeapFlag(['--heap-growing-percent=50']), null);
  assert.equal(primaryHeapFlag(['--heap_growing_percent', '10']), null);
});
