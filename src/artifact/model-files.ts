import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wardenError } from '../errors.js';
import { FORMAT_NAME, FORMAT_VERSION, type ModelManifest } from './manifest.js';
import { packArrays, unpackArrays, type AnyTypedArray } from './typed-arrays.js';

export const MANIFEST_FILE = 'manifest.json';
export const WEIGHTS_FILE = 'weights.bin';
export const VOCABULARY_FILE = 'vocabulary.json';

export interface ArtifactContents {
  manifest: ModelManifest;
  arrays: Record<string, AnyTypedArray>;
  /**
   * The vocabulary, parsed on first read: it is integrity-checked with the rest, but turning
   * ~80k terms into strings costs more than loading the weights, and scoring needs no term
   * names (loaders read it through a function, `() => contents.vocabulary`, to keep it unread).
   */
  vocabulary: string[];
  /** Other files the manifest lists (e.g. policy.json), as text. */
  extras: Record<string, string>;
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Writes a model directory: binary weights, vocabulary, and the manifest carrying their sha256.
 * The manifest is written last (and renamed into place) so a half-written directory never loads.
 */
export async function writeModelDir(
  dir: string,
  manifest: Omit<ModelManifest, 'files' | 'arrays' | 'id'>,
  arrays: Record<string, AnyTypedArray>,
  vocabulary: string[],
  extraFiles: Record<string, string> = {},
): Promise<ModelManifest> {
  await mkdir(dir, { recursive: true });
  const { buffer, entries } = packArrays(arrays);
  const vocab = JSON.stringify(vocabulary);
  await writeFile(join(dir, WEIGHTS_FILE), buffer);
  await writeFile(join(dir, VOCABULARY_FILE), vocab);
  const weightsHash = sha256(buffer);
  const vocabHash = sha256(vocab);
  const extras: Record<string, { sha256: string; bytes: number }> = {};
  for (const [name, content] of Object.entries(extraFiles)) {
    await writeFile(join(dir, name), content);
    extras[name] = { sha256: sha256(content), bytes: Buffer.byteLength(content) };
  }
  const full: ModelManifest = {
    ...manifest,
    id: sha256(`${weightsHash}:${vocabHash}:${JSON.stringify(manifest.pipeline)}`).slice(0, 16),
    files: {
      [WEIGHTS_FILE]: { sha256: weightsHash, bytes: buffer.byteLength },
      [VOCABULARY_FILE]: { sha256: vocabHash, bytes: Buffer.byteLength(vocab) },
      ...extras,
    },
    arrays: entries,
  };
  const tmp = join(dir, `${MANIFEST_FILE}.tmp`);
  await writeFile(tmp, `${JSON.stringify(full, null, 2)}\n`);
  await rename(tmp, join(dir, MANIFEST_FILE));
  return full;
}

export async function readManifest(dir: string): Promise<ModelManifest> {
  let raw: string;
  try {
    raw = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (cause) {
    throw wardenError('MODEL_NOT_FOUND', `no model at ${dir} (missing ${MANIFEST_FILE})`, { cause });
  }
  let manifest: ModelManifest;
  try {
    manifest = JSON.parse(raw) as ModelManifest;
  } catch (cause) {
    throw wardenError('MODEL_CORRUPT', `${join(dir, MANIFEST_FILE)} is not valid JSON`, { cause });
  }
  if (manifest.format !== FORMAT_NAME) {
    throw wardenError('MODEL_CORRUPT', `${dir} is not a Warden model (format ${String(manifest.format)})`);
  }
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw wardenError(
      'MODEL_FORMAT_UNSUPPORTED',
      `${dir} has model format version ${String(manifest.formatVersion)}; this Warden reads version ${FORMAT_VERSION}`,
    );
  }
  return manifest;
}

async function readChecked(dir: string, name: string, manifest: ModelManifest): Promise<Buffer> {
  const expected = manifest.files[name];
  if (!expected) throw wardenError('MODEL_CORRUPT', `${dir}: manifest lists no ${name}`);
  let data: Buffer;
  try {
    data = await readFile(join(dir, name));
  } catch (cause) {
    throw wardenError('MODEL_CORRUPT', `${dir}: cannot read ${name}`, { cause });
  }
  const actual = sha256(data);
  if (actual !== expected.sha256) {
    throw wardenError('MODEL_CORRUPT', `${dir}: ${name} failed its integrity check (sha256 ${actual.slice(0, 12)}…, expected ${expected.sha256.slice(0, 12)}…)`);
  }
  return data;
}

/** Reads and integrity-checks a model directory (the vocabulary is decoded on first use). */
export async function readModelDir(dir: string): Promise<ArtifactContents> {
  const manifest = await readManifest(dir);
  const weights = await readChecked(dir, WEIGHTS_FILE, manifest);
  const vocabRaw = await readChecked(dir, VOCABULARY_FILE, manifest);
  let arrays: Record<string, AnyTypedArray>;
  try {
    arrays = unpackArrays(weights, manifest.arrays);
  } catch (cause) {
    throw wardenError('MODEL_CORRUPT', `${dir}: weights cannot be decoded`, { cause });
  }
  const extras: Record<string, string> = {};
  for (const name of Object.keys(manifest.files)) {
    if (name === WEIGHTS_FILE || name === VOCABULARY_FILE) continue;
    extras[name] = (await readChecked(dir, name, manifest)).toString('utf8');
  }
  let vocabulary: string[] | null = null;
  return {
    manifest,
    arrays,
    get vocabulary(): string[] {
      vocabulary ??= parseVocabulary(dir, vocabRaw);
      return vocabulary;
    },
    set vocabulary(terms: string[]) {
      vocabulary = terms;
    },
    extras,
  };
}

function parseVocabulary(dir: string, raw: Buffer): string[] {
  let terms: unknown;
  try {
    terms = JSON.parse(raw.toString('utf8'));
  } catch (cause) {
    throw wardenError('MODEL_CORRUPT', `${dir}: vocabulary cannot be decoded`, { cause });
  }
  if (!Array.isArray(terms) || !terms.every((t) => typeof t === 'string')) {
    throw wardenError('MODEL_CORRUPT', `${dir}: vocabulary is not a list of strings`);
  }
  return terms as string[];
}
