import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { decodeForest, encodeForest, ForestFormatError } from './forest-codec.ts';
import { fitForest } from './fit-forest.ts';
import { scoreMatrix } from './score-forest.ts';
import type { Matrix } from './types.ts';

function randomMatrix(rows: number, cols: number): Matrix {
  const rng = createRng(11);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { data, rows, cols };
}

describe('forest codec', () => {
  const m = randomMatrix(400, 3);
  const forest = fitForest(m, createRng(5), { nTrees: 20 });

  it('round-trips to a forest that scores identically', () => {
    const decoded = decodeForest(encodeForest(forest));
    expect(decoded.nTrees).toBe(20);
    expect(decoded.nFeatures).toBe(3);
    expect(decoded.sampleSize).toBe(256);
    expect(scoreMatrix(decoded, m)).toEqual(scoreMatrix(forest, m));
  });

  it('decodes from an unaligned view into a larger buffer', () => {
    const bytes = encodeForest(forest);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    const decoded = decodeForest(padded.subarray(3));
    expect(scoreMatrix(decoded, m)).toEqual(scoreMatrix(forest, m));
  });

  it('is compact: 18 bytes a node plus a 32-byte header', () => {
    expect(encodeForest(forest).length).toBe(32 + forest.feature.length * 18 + 20 * 4);
  });

  it('refuses foreign, truncated and structurally broken bytes', () => {
    const bytes = encodeForest(forest);
    expect(() => decodeForest(new Uint8Array(10))).toThrow(ForestFormatError);
    expect(() => decodeForest(bytes.subarray(0, bytes.length - 1))).toThrow(/header implies/);
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    expect(() => decodeForest(wrongMagic)).toThrow(/not an isolation forest/);
    // Point the root's left child back at itself: a walk would never end.
    const cyclic = bytes.slice();
    const n = forest.feature.length;
    new DataView(cyclic.buffer).setInt32(32 + n * 8, 0, true);
    expect(() => decodeForest(cyclic)).toThrow(/children out of range/);
  });
});
