import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditRepository } from '../audit-repository.js';
import type { SuiteContext } from './run-storage-suite.js';

export function auditCases(ctx: SuiteContext): void {
  test('audit: append returns the stored entry; list filters and pages newest first', async () => {
    const repo = new AuditRepository(ctx.store().db);
    const at = new Date('2025-06-01T12:00:00.000Z');
    const entries = [];
    for (let i = 0; i < 7; i++) {
      entries.push(
        await repo.append({ actor: i % 2 ? 'alice' : 'bob', action: 'model.promote', subject: `v${i}`, details: { i }, at: new Date(at.getTime() + (i % 3)) }),
      );
    }
    assert.deepEqual(entries[0].details, { i: 0 });
    assert.equal(entries[0].at.getTime(), at.getTime());
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof repo.list>> = await repo.list({}, { limit: 3, cursor });
      ids.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = [...entries].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1)).map((e) => e.id);
    assert.deepEqual(ids, expected);
    const alice = await repo.list({ actor: 'alice' }, { limit: 100 });
    assert.deepEqual(alice.items.map((e) => e.subject).sort(), ['v1', 'v3', 'v5']);
    assert.equal((await repo.list({ subject: 'v4', action: 'model.promote' }, { limit: 100 })).items.length, 1);
    const fresh = await repo.append({ actor: 'sys', action: 'start' });
    assert.equal(fresh.subject, null);
    assert.deepEqual(fresh.details, {});
  });
}
