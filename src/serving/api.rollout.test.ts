import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { auth, testApp, type TestApp } from '../../test/support/test-app.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';

/** The tiny model with a near-zero threshold: it calls almost every message a threat (a bad candidate). */
async function alarmistModel(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'warden-alarmist-'));
  await cp(await tinyModelDir(), dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  manifest.threshold.value = 1e-6;
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

const BENIGN = Array.from({ length: 60 }, (_, i) => `See you at the pub at ${i % 12}pm, bring ${i} friends`);
const score = (t: TestApp, text: string) => t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { text } });
const post = (t: TestApp, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: auth('admin'), payload: payload as Record<string, unknown> });
const settle = (t: TestApp) => t.deps.stores.writer.flush();

test('shadow: every prediction stores the shadow score; disagreements are counted; answers unaffected', async () => {
  const t = await testApp();
  try {
    await t.registry.register(await alarmistModel(), 'test'); // v2, candidate
    const before = (await score(t, BENIGN[0])).json();
    const res = await post(t, '/v1/rollout/shadow', { version: 'v2', reason: 'try it' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().serving.shadow, 'v2');
    for (const text of BENIGN.slice(0, 20)) {
      const r = (await score(t, text)).json();
      assert.equal(r.model_version, 'v1', 'the shadow never answers');
    }
    const again = (await score(t, BENIGN[0])).json();
    assert.equal(again.risk_score, before.risk_score);
    assert.equal(again.is_threat, before.is_threat);
    await settle(t);
    const rows = await sql<{ n: number; shadowed: number }>`select count(*)::int as n, count(shadow_score)::int as shadowed from predictions where shadow_version = 'v2'`.execute(t.deps.stores.database.db);
    assert.deepEqual(rows.rows[0], { n: 21, shadowed: 21 });
    const metrics = await t.deps.metrics.registry.getSingleMetricAsString('warden_shadow_disagreements_total');
    const disagreements = Number(/model_version="v1"} (\d+)/.exec(metrics)?.[1] ?? 0);
    // The alarmist shadow flags the benign texts the production model passes.
    const passed = await sql<{ n: number }>`select count(*)::int as n from predictions where shadow_version = 'v2' and not is_threat`.execute(t.deps.stores.database.db);
    assert.equal(disagreements, passed.rows[0].n);
    assert.ok(disagreements >= 15, `${disagreements} disagreements`);
    const audit = await t.deps.stores.audit.list({ action: 'rollout.shadow' }, { limit: 10 });
    assert.equal(audit.items.length, 1);
    assert.equal((await post(t, '/v1/rollout/shadow', { version: null })).json().serving.shadow, null);
  } finally {
    await t.close();
  }
});

test('canary: 10% of distinct texts go to the candidate, the same text always to the same version', async () => {
  const t = await testApp();
  try {
    await t.registry.register(await tinyModelDir(), 'test'); // v2
    assert.equal((await post(t, '/v1/rollout/canary', { share: 0.1 })).statusCode, 200);
    const texts = Array.from({ length: 600 }, (_, i) => `Reminder ${i}: the meeting moved to room ${i % 17}`);
    const first = await Promise.all(texts.map(async (x) => (await score(t, x)).json().model_version as string));
    const share = first.filter((v) => v === 'v2').length / texts.length;
    assert.ok(share > 0.06 && share < 0.14, `canary share ${share}`);
    const second = await Promise.all(texts.map(async (x) => (await score(t, x)).json().model_version as string));
    assert.deepEqual(second, first);
    const state = (await t.app.inject({ url: '/v1/rollout', headers: auth('scorer') })).json();
    assert.deepEqual([state.state.production, state.state.candidate, state.state.canaryShare], ['v1', 'v2', 0.1]);
    const bad = await post(t, '/v1/rollout/canary', { share: 1.5 });
    assert.equal(bad.statusCode, 400);
    const scorer = await t.app.inject({ method: 'POST', url: '/v1/rollout/canary', headers: auth('scorer'), payload: { share: 0.5 } });
    assert.equal(scorer.statusCode, 403);
  } finally {
    await t.close();
  }
});

test('auto-rollback fires when the canary FPR from feedback crosses the guard, and not for a good canary', async () => {
  const t = await testApp({ guard: { minNegativeLabels: 10 } });
  try {
    await t.registry.register(await tinyModelDir(), 'test'); // v2: as good as production
    await post(t, '/v1/rollout/canary', { version: 'v2', share: 0.5 });
    const label = async (texts: string[]) => {
      for (const text of texts) await score(t, text);
      await settle(t);
      for (const text of texts) await t.app.inject({ method: 'POST', url: '/v1/feedback', headers: auth('analyst'), payload: { text, label: 'ham' } });
    };
    await label(BENIGN);
    const ok = (await post(t, '/v1/rollout/guard', {})).json();
    assert.equal(ok.checked, true);
    assert.equal(ok.rollback, false, JSON.stringify(ok.reasons));
    assert.equal((await t.registry.rollout()).canaryShare, 0.5);

    await t.registry.register(await alarmistModel(), 'test'); // v3: flags benign messages
    await post(t, '/v1/rollout/canary', { version: 'v3', share: 0.5 });
    const fresh = BENIGN.map((x) => `${x}, ok?`);
    await label(fresh);
    const fired = (await post(t, '/v1/rollout/guard', {})).json();
    assert.equal(fired.rollback, true);
    assert.match(fired.reasons[0], /canary v3 FPR/);
    assert.ok(fired.figures.canaryFpr > 0.5 && fired.figures.productionFpr < 0.2, JSON.stringify(fired.figures));
    assert.equal(fired.serving.candidate, null, 'the canary no longer answers');
    const state = await t.registry.rollout();
    assert.deepEqual([state.production, state.candidate, state.canaryShare], ['v1', 'v3', 0]);
    const last = (await t.registry.history({ alias: 'candidate' })).at(-1)!;
    assert.equal(last.action, 'auto-rollback');
    assert.equal(last.actor, 'rollout-guard');
    assert.match(last.reason ?? '', /FPR/);
    assert.equal((await t.deps.stores.audit.list({ action: 'rollout.auto-rollback' }, { limit: 5 })).items.length, 1);
    assert.equal((await score(t, BENIGN[3])).json().model_version, 'v1');
    // Nothing running: the guard has nothing to check and abort is a conflict.
    assert.equal((await post(t, '/v1/rollout/guard', {})).json().checked, false);
    assert.equal((await post(t, '/v1/rollout/abort', { reason: 'x' })).statusCode, 409);
  } finally {
    await t.close();
  }
});

test('under concurrent load through shadow, canary 10→50→100%, promotion and rollback: no request fails, no prediction is lost', async () => {
  const t = await testApp();
  try {
    await t.registry.register(await tinyModelDir(), 'test'); // v2
    let sent = 0;
    let failures = 0;
    let stop = false;
    const load = async (w: number) => {
      let i = 0;
      while (!stop) {
        const texts = [`worker ${w} message ${i}`, `Claim your prize ${i}, reply YES`];
        i++;
        const res = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { texts } });
        sent += texts.length;
        if (res.statusCode !== 200) failures++;
        const tri = await t.app.inject({ method: 'POST', url: '/v1/triage', headers: auth('scorer'), payload: { text: texts[0] } });
        sent += 1;
        if (tri.statusCode !== 200) failures++;
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => load(w));
    const pause = () => new Promise((r) => setTimeout(r, 60));
    const steps: [string, unknown][] = [
      ['/v1/rollout/shadow', { version: 'v2' }],
      ['/v1/rollout/canary', { share: 0.1 }],
      ['/v1/rollout/canary', { share: 0.5 }],
      ['/v1/rollout/canary', { share: 1 }],
      ['/v1/rollout/promote', {}],
      ['/v1/models/rollback', { reason: 'drill' }],
    ];
    for (const [url, body] of steps) {
      await pause();
      const r = await post(t, url, body);
      assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
    }
    await pause();
    stop = true;
    await Promise.all(workers);
    await settle(t);
    assert.equal(failures, 0);
    const stored = await sql<{ n: number; versions: string[] }>`select count(*)::int as n, array_agg(distinct model_version) as versions from predictions`.execute(t.deps.stores.database.db);
    assert.equal(stored.rows[0].n, sent, 'every prediction is recorded');
    assert.deepEqual([...stored.rows[0].versions].sort(), ['v1', 'v2']);
    const prod = (await t.registry.history({ alias: 'production' })).map((e) => [e.action, e.to, e.share]);
    assert.deepEqual(prod, [['alias', 'v1', 1], ['canary', 'v1', 0.9], ['canary', 'v1', 0.5], ['canary', 'v1', 0], ['promote', 'v2', 1], ['rollback', 'v1', 1]]);
  } finally {
    await t.close();
  }
});
