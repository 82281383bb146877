/**
 * `explain` selects its top k in place, from features read back from the scorer, with the text
 * lower-cased once for all spans. Guarded here against the plain definition: vectorise afresh,
 * sort every non-zero contribution (text columns, then rule features) stably by |contribution|,
 * take k, name each and locate it. The answers must be deep-equal, on bundled data and seeded
 * adversarial variants, for several k, explaining both the text just scored and a cold one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUNDLED_DATASETS } from '../data/bundled.js';
import { loadDataset } from '../data/load-dataset.js';
import { createRng } from '../data/random.js';
import { createSparseBuffer } from '../features/index.js';
import { ruleFeatureVector, tagText, TAG_NAMES, type Tag } from '../rules/index.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';
import { Detector, locateFeature, type Contribution, type DetectorParts } from './detector.js';
import { loadDetector } from './load-detector.js';

function explainReference(parts: DetectorParts, text: string, k: number, tags: readonly Tag[]): Contribution[] {
  const buf = createSparseBuffer(64);
  const nnz = parts.vectorizer.transformInto(parts.normalizer.normalize(text).text, buf);
  const w = parts.threat.model.weights;
  const dim = parts.vectorizer.dimension;
  const all: { col: number; c: number }[] = [];
  for (let i = 0; i < nnz; i++) {
    const c = w[buf.indices[i]] * buf.values[i];
    if (c !== 0) all.push({ col: buf.indices[i], c });
  }
  if (parts.ruleFeatures) {
    const rf = ruleFeatureVector(tags);
    for (let j = 0; j < rf.length; j++) {
      const c = rf[j] === 0 ? 0 : w[dim + j] * rf[j];
      if (c !== 0) all.push({ col: dim + j, c });
    }
  }
  all.sort((a, b) => Math.abs(b.c) - Math.abs(a.c)); // stable: equal |c| keep their order
  return all.slice(0, k).map(({ col, c }) => {
    if (col >= dim) {
      const name = TAG_NAMES[col - dim];
      const tag = tags.find((t) => t.tag === name);
      return { feature: `tag:${name}`, contribution: c, spans: tag ? tag.spans.slice(0, 5) : [] };
    }
    const feature = parts.vectorizer.featureName(col);
    return { feature, contribution: c, spans: locateFeature(text, feature) };
  });
}

const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с' };

/** The tiny model with seeded weights for the rule-feature columns appended (it was trained without them). */
function withRuleFeatures(d: Detector, rng: () => number): Detector {
  const parts = (d as unknown as { parts: DetectorParts }).parts;
  const extend = (w: Float64Array): Float64Array => {
    const out = new Float64Array(w.length + TAG_NAMES.length);
    out.set(w);
    for (let j = w.length; j < out.length; j++) out[j] = rng() < 0.2 ? 0 : (rng() - 0.5) * 4;
    return out;
  };
  return new Detector(d.manifest, {
    ...parts,
    ruleFeatures: true,
    tagText,
    threat: { ...parts.threat, model: { ...parts.threat.model, weights: extend(parts.threat.model.weights) } },
    phishing: parts.phishing && { ...parts.phishing, model: { ...parts.phishing.model, weights: extend(parts.phishing.model.weights) } },
  });
}

for (const ruleFeatures of [false, true]) {
  test(`explain equals the sort-everything reference on bundled data and seeded variants, warm and cold (rule features: ${ruleFeatures})`, async () => {
    const dir = await tinyModelDir();
    const rng = createRng(ruleFeatures ? 20261202 : 20261201);
    const detector = ruleFeatures ? withRuleFeatures(await loadDetector(dir), createRng(5)) : await loadDetector(dir);
    const cold = ruleFeatures ? withRuleFeatures(await loadDetector(dir), createRng(5)) : await loadDetector(dir);
    const parts = (detector as unknown as { parts: DetectorParts }).parts;
    const ds = await loadDataset(BUNDLED_DATASETS);
    let compared = 0;
    let withTagFeature = 0;
    for (let n = 0; n < 3000; n++) {
      const base = ds.rows[Math.floor(rng() * ds.rows.length)].text;
      const text = [
        base,
        base.toUpperCase(),
        base.replace(/[aeopc]/g, (ch) => (rng() < 0.3 ? CYRILLIC[ch] : ch)),
        `${base} ${base}`, // repeated terms: counts above one
        base.slice(0, Math.floor(rng() * 12)), // short, often no features at all
      ][n % 5];
      const tags = tagText(text);
      const k = [6, 1, 3, 8, 0, 40][n % 6];
      const want = explainReference(parts, text, k, tags);
      detector.score(text, tags);
      assert.deepEqual(detector.explain(text, k, tags), want, `warm, k=${k}: ${JSON.stringify(text)}`);
      assert.deepEqual(cold.explain(text, k, tags), want, `cold, k=${k}: ${JSON.stringify(text)}`);
      // the lower-cased text handed over (as triage does for an ASCII text) changes nothing
      detector.score(text, tags);
      assert.deepEqual(detector.explain(text, k, tags, text.toLowerCase()), want, `warm with lower, k=${k}: ${JSON.stringify(text)}`);
      compared++;
      if (want.some((c) => c.feature.startsWith('tag:'))) withTagFeature++;
    }
    assert.equal(compared, 3000);
    if (ruleFeatures) assert.ok(withTagFeature > 300, `only ${withTagFeature} explanations rank a rule feature`);
    else assert.equal(withTagFeature, 0);
  });
}

test('explain rejects a k that is not a whole number >= 0', async () => {
  const detector = await loadDetector(await tinyModelDir());
  assert.throws(() => detector.explain('win a prize', -1), RangeError);
  assert.throws(() => detector.explain('win a prize', 2.5), RangeError);
  assert.deepEqual(detector.explain('win a prize', 0), []);
});
