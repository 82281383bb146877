/** Packing named typed arrays into one little-endian binary file, described in the manifest. */
export type DType = 'float32' | 'float64' | 'int32' | 'uint32' | 'uint8';
export type AnyTypedArray = Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array;

export interface ArrayEntry {
  dtype: DType;
  offset: number; // bytes from the start of the file
  length: number; // elements
}

const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, uint32: 4, uint8: 1 };

function dtypeOf(a: AnyTypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint32Array) return 'uint32';
  return 'uint8';
}

/** Concatenates arrays, each aligned to 8 bytes so it can be viewed in place on load. */
export function packArrays(arrays: Record<string, AnyTypedArray>): { buffer: Buffer; entries: Record<string, ArrayEntry> } {
  const entries: Record<string, ArrayEntry> = {};
  let offset = 0;
  const names = Object.keys(arrays).sort();
  for (const name of names) {
    const a = arrays[name];
    entries[name] = { dtype: dtypeOf(a), offset, length: a.length };
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const buffer = Buffer.alloc(offset);
  for (const name of names) {
    const a = arrays[name];
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(buffer, entries[name].offset);
  }
  return { buffer, entries };
}

/**
 * Views the arrays described by `entries` in the buffer's memory. A buffer that is not 8-byte
 * aligned (e.g. a slice of Node's pool) is copied once first; a whole file read into its own
 * ArrayBuffer (`readFile` of anything but a tiny file) is viewed as is, so the arrays share it.
 */
export function unpackArrays(buffer: Buffer, entries: Record<string, ArrayEntry>): Record<string, AnyTypedArray> {
  let aligned: ArrayBufferLike = buffer.buffer;
  let base = buffer.byteOffset;
  if (base % 8 !== 0) {
    const copy = new ArrayBuffer(buffer.byteLength);
    new Uint8Array(copy).set(buffer);
    aligned = copy;
    base = 0;
  }
  const out: Record<string, AnyTypedArray> = {};
  for (const [name, e] of Object.entries(entries)) {
    const end = e.offset + e.length * BYTES[e.dtype];
    if (e.offset < 0 || end > buffer.byteLength || e.offset % 8 !== 0) {
      throw new RangeError(`array ${name} lies outside the weights file`);
    }
    switch (e.dtype) {
      case 'float32': out[name] = new Float32Array(aligned, base + e.offset, e.length); break;
      case 'float64': out[name] = new Float64Array(aligned, base + e.offset, e.length); break;
      case 'int32': out[name] = new Int32Array(aligned, base + e.offset, e.length); break;
      case 'uint32': out[name] = new Uint32Array(aligned, base + e.offset, e.length); break;
      case 'uint8': out[name] = new Uint8Array(aligned, base + e.offset, e.length); break;
      default: throw new RangeError(`array ${name} has unknown dtype ${String((e as ArrayEntry).dtype)}`);
    }
  }
  return out;
}
