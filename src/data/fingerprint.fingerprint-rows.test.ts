import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintRows } from './fingerprint.js';

// expected digests computed with Python's hashlib over the canonical lines
test('fingerprintRows hashes canonical label<TAB>text lines', () => {
  assert.equal(fingerprintRows([{ label: 'benign', text: 'hi' }]), '96163c6b375e98251016ad46bd3a39a9fc5ae058bb7c1d95931da2adc8167c68');
  assert.equal(fingerprintRows([{ label: 'phishing', text: 'café ☕' }]), 'dc3ed58eda689e5d224b9c09a2e28c06c8bc7b4ea25b88d84d1d5508a4dedbfb');
});

test('fingerprintRows escapes backslash, tab and newlines', () => {
  const rows = [
    { label: 'spam' as const, text: 'WIN now' },
    { label: 'benign' as const, text: 'see you\\tthere\nok' },
  ];
  assert.equal(fingerprintRows(rows), '0014f0887df9d9a1dc67ff60048e20ae8922549433da1772053657d673a39c8f');
  // a real tab and an escaped one must not collide
  assert.notEqual(fingerprintRows([{ label: 'benign', text: 'a\tb' }]), fingerprintRows([{ label: 'benign', text: 'a\\tb' }]));
  // a newline inside a text must not forge a second row
  assert.notEqual(
    fingerprintRows([{ label: 'benign', text: 'a\nspam\tb' }]),
    fingerprintRows([{ label: 'benign', text: 'a' }, { label: 'spam', text: 'b' }]),
  );
});

test('fingerprintRows of no rows is the sha256 of the empty string', () => {
  assert.equal(fingerprintRows([]), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('fingerprintRows depends on order and labels, not on extra fields', () => {
  const a = { label: 'benign' as const, text: 'x' };
  const b = { label: 'spam' as const, text: 'y' };
  assert.notEqual(fingerprintRows([a, b]), fingerprintRows([b, a]));
  assert.notEqual(fingerprintRows([a]), fingerprintRows([{ ...a, label: 'spam' }]));
  assert.equal(fingerprintRows([a]), fingerprintRows([{ ...a, line: 9, source: 'f' } as typeof a]));
});

test('fingerprintRows handles 100k rows', () => {
  const rows = Array.from({ length: 100_000 }, (_, i) => ({ label: 'benign' as const, text: `m${i}` }));
  const fp = fingerprintRows(rows);
  assert.match(fp, /^[0-9a-f]{64}$/);
  assert.equal(fingerprintRows(rows), fp);
});
