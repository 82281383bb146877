import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS, loadAllCommands } from './index.js';

test('each lazily loaded command is the verb its entry names, every verb once', async () => {
  const loaded = await loadAllCommands();
  assert.deepEqual(loaded.map((c) => c.name), COMMANDS.map((e) => e.name));
  assert.equal(new Set(COMMANDS.map((e) => e.name)).size, COMMANDS.length);
  for (const c of loaded) {
    assert.match(c.usage, new RegExp(`Usage: warden ${c.name}\\b`), c.name);
    assert.ok(c.summary.length > 0, c.name);
  }
});
