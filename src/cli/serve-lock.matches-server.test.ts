import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as server from '../serving/server.js';
import { isAlive, SERVE_LOCK_FILE } from './serve-lock.js';

test("the CLI's copy of the serve lock matches the server's", () => {
  assert.equal(SERVE_LOCK_FILE, server.SERVE_LOCK_FILE);
  const exited = spawnSync(process.execPath, ['-e', '0']).pid;
  assert.ok(exited !== undefined);
  for (const pid of [process.pid, process.ppid, exited]) assert.equal(isAlive(pid), server.isAlive(pid), `pid ${pid}`);
  assert.equal(isAlive(process.pid), true);
  assert.equal(isAlive(exited), false);
});
