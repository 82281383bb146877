import { wardenError } from '../errors.js';
import { readModelDir, type ArtifactContents } from '../artifact/model-files.js';
import { loadVectorizer, type VectorizerSpec } from '../features/index.js';
import type { CalibratorSpec } from '../model/index.js';
import { createNormalizer, type NormalizerSpec } from '../text/index.js';
import { Detector } from './detector.js';

export const VECTORIZER_PREFIX = 'vec.';

/**
 * Rebuilds a Detector from the contents of a model directory. The rules are imported only for
 * a model that uses rule features: most models do not, and the rules bring the link, domain
 * and phone libraries, which take longer to load than the model itself (a one-shot
 * `warden score` pays that on every run).
 */
export async function detectorFromArtifact(contents: ArtifactContents): Promise<Detector> {
  const { manifest, arrays } = contents;
  const p = manifest.pipeline;
  const tagText = p.ruleFeatures ? (await import('../rules/tag-text.js')).tagText : undefined;
  try {
    const vecArrays: Record<string, Float32Array | Float64Array | Int32Array | Uint32Array> = {};
    for (const [name, a] of Object.entries(arrays)) {
      if (name.startsWith(VECTORIZER_PREFIX)) vecArrays[name.slice(VECTORIZER_PREFIX.length)] = a as Float32Array;
    }
    // the vocabulary is read only if a feature name is asked for (see ArtifactContents.vocabulary)
    const vectorizer = loadVectorizer(p.vectorizer.spec as VectorizerSpec, { state: p.vectorizer.state, arrays: vecArrays, vocabulary: () => contents.vocabulary });
    const threatWeights = arrays['threat.weights'];
    const bias = arrays['threat.bias'];
    if (!(threatWeights instanceof Float64Array) || !(bias instanceof Float64Array)) {
      throw new Error('threat weights missing');
    }
    const phishingWeights = arrays['phishing.weights'];
    const phishingBias = arrays['phishing.bias'];
    return new Detector(manifest, {
      normalizer: createNormalizer(p.normalizer as NormalizerSpec),
      vectorizer,
      ruleFeatures: p.ruleFeatures,
      tagText,
      threat: { model: { weights: threatWeights, bias: bias[0] }, calibrator: p.calibrator as CalibratorSpec },
      phishing:
        p.phishing && phishingWeights instanceof Float64Array && phishingBias instanceof Float64Array
          ? { model: { weights: phishingWeights, bias: phishingBias[0] }, calibrator: p.phishing.calibrator as CalibratorSpec }
          : null,
      threshold: manifest.threshold.value,
    }, contents.extras);
  } catch (cause) {
    throw wardenError('MODEL_CORRUPT', `model ${manifest.version ?? manifest.id} cannot be rebuilt: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Loads a model directory. A registry version, when given, is stamped on the loaded copy:
 * registry artifacts are content-addressed and carry none (the same model may be registered
 * twice). The contents are not copied with a spread, which would read the deferred vocabulary.
 */
export async function loadDetector(dir: string, version?: string): Promise<Detector> {
  const contents = await readModelDir(dir);
  if (version !== undefined) contents.manifest = { ...contents.manifest, version };
  return detectorFromArtifact(contents);
}
