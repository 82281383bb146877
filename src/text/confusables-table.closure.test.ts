import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeUnderCase, confusablesTable, groupTable } from './confusables-table.js';

test('the written-out case partners are exactly the case closure of the groups (for this Node\'s Unicode data)', () => {
  const closed = closeUnderCase(groupTable());
  assert.deepEqual([...confusablesTable()], [...closed]);
  assert.equal(confusablesTable().size, 230);
});

test('case partners map like their partner: Greek capital Omega and Cyrillic Pe', () => {
  const t = confusablesTable();
  assert.equal(t.get(0x03a9), 'w'.charCodeAt(0)); // Ω, uppercase of ω
  assert.equal(t.get(0x041f), 'n'.charCodeAt(0)); // П, uppercase of п
  assert.equal(t.get('A'.charCodeAt(0)), undefined);
});

test('closeUnderCase adds the other case of a key and leaves NFKC-unstable characters out', () => {
  const closed = closeUnderCase(new Map([[0x03c9 /* ω */, 0x77]]));
  assert.equal(closed.get(0x03a9 /* Ω */), 0x77);
  assert.equal(closed.get(0x2126 /* Ω ohm sign: NFKC → Ω */), undefined);
});
