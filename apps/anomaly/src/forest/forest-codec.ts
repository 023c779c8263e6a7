// Compact binary artifact for a fitted forest: a 32-byte header followed by the node arrays.
import type { ForestArrays } from './types.ts';

const MAGIC = 0x54534649; // 'IFST' little-endian
const VERSION = 1;
const HEADER_BYTES = 32;

/** Raised when bytes do not hold a well-formed forest; scoring a corrupt tree could loop or read out of range. */
export class ForestFormatError extends Error {
  override readonly name = 'ForestFormatError';
}

/**
 * Layout (little-endian): magic u32, version u16, reserved u16, nTrees u32, nFeatures u32, sampleSize u32,
 * nNodes u32, normalizer f64; then threshold f64[nNodes], left i32[nNodes], size i32[nNodes],
 * roots i32[nTrees], feature i16[nNodes]. Wider types first keep every array naturally aligned.
 */
export function encodeForest(forest: ForestArrays): Uint8Array {
  const n = forest.feature.length;
  const bytes = HEADER_BYTES + n * 8 + n * 4 + n * 4 + forest.nTrees * 4 + n * 2;
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint16(4, VERSION, true);
  view.setUint32(8, forest.nTrees, true);
  view.setUint32(12, forest.nFeatures, true);
  view.setUint32(16, forest.sampleSize, true);
  view.setUint32(20, n, true);
  view.setFloat64(24, forest.normalizer, true);
  let at = HEADER_BYTES;
  const put = (src: ArrayBufferView) => {
    out.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength), at);
    at += src.byteLength;
  };
  // Typed arrays use platform byte order; every supported Node platform is little-endian.
  put(forest.threshold);
  put(forest.left);
  put(forest.size);
  put(forest.roots);
  put(forest.feature);
  return out;
}

/** Reads an artifact written by {@link encodeForest}, checking sizes and tree structure. */
export function decodeForest(bytes: Uint8Array): ForestArrays {
  if (bytes.byteLength < HEADER_BYTES) throw new ForestFormatError('artifact shorter than its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new ForestFormatError('not an isolation forest artifact');
  const version = view.getUint16(4, true);
  if (version !== VERSION) throw new ForestFormatError(`unsupported artifact version ${version}`);
  const nTrees = view.getUint32(8, true);
  const nFeatures = view.getUint32(12, true);
  const sampleSize = view.getUint32(16, true);
  const n = view.getUint32(20, true);
  const normalizer = view.getFloat64(24, true);
  const expected = HEADER_BYTES + n * 18 + nTrees * 4;
  if (bytes.byteLength !== expected) {
    throw new ForestFormatError(`artifact holds ${bytes.byteLength} bytes, header implies ${expected}`);
  }
  let at = HEADER_BYTES;
  // slice() copies into fresh, aligned buffers whatever the input's byteOffset.
  const take = (len: number) => {
    const part = bytes.slice(at, at + len);
    at += len;
    return part.buffer;
  };
  const threshold = new Float64Array(take(n * 8));
  const left = new Int32Array(take(n * 4));
  const size = new Int32Array(take(n * 4));
  const roots = new Int32Array(take(nTrees * 4));
  const feature = new Int16Array(take(n * 2));
  const forest: ForestArrays = {
    nTrees,
    nFeatures,
    sampleSize,
    normalizer,
    roots,
    feature,
    threshold,
    left,
    size,
  };
  assertWellFormed(forest);
  return forest;
}

/** Children must point forward and stay in range, so every walk ends at a leaf. */
function assertWellFormed(forest: ForestArrays): void {
  const { roots, feature, left, threshold, nFeatures } = forest;
  const n = feature.length;
  if (forest.nTrees < 1 || nFeatures < 1) throw new ForestFormatError('forest has no trees or no features');
  if (!(forest.normalizer >= 0)) throw new ForestFormatError('normalizer is not a non-negative number');
  for (const r of roots) if (r < 0 || r >= n) throw new ForestFormatError('tree root out of range');
  for (let i = 0; i < n; i++) {
    const f = feature[i]!;
    if (!Number.isFinite(threshold[i]!)) throw new ForestFormatError(`node ${i} has a non-finite threshold`);
    if (f === -1) continue;
    if (f < 0 || f >= nFeatures) throw new ForestFormatError(`node ${i} splits on missing feature ${f}`);
    const l = left[i]!;
    if (l <= i || l + 1 >= n) throw new ForestFormatError(`node ${i} has children out of range`);
  }
}
