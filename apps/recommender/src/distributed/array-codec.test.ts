// The binary container of parameters and training data: exact round trips, and refusal of a corrupt buffer.
import { describe, expect, it } from 'vitest';
import { decodeArrays, encodeArrays } from './array-codec.ts';

describe('array bundles', () => {
  it('round-trips typed arrays of every kind bit for bit, with their facts', () => {
    const arrays = {
      p: Float64Array.from([Math.PI, -0, 1e-300, Number.MAX_VALUE]),
      r: Float32Array.from([4.5, 1]),
      i: Int32Array.from([-1, 2 ** 31 - 1, 7]),
      g: Uint8Array.from([1, 2, 3]),
      empty: new Float64Array(0),
    };
    const out = decodeArrays(encodeArrays({ arrays, meta: { k: 4, sources: ['a', 'b'] } }));
    expect(out.meta).toEqual({ k: 4, sources: ['a', 'b'] });
    for (const [name, a] of Object.entries(arrays)) {
      expect(out.arrays[name]?.constructor).toBe(a.constructor);
      expect(Array.from(out.arrays[name] as ArrayLike<number>)).toEqual(Array.from(a));
    }
  });

  it('throws a RangeError on a truncated buffer', () => {
    const data = encodeArrays({ arrays: { p: new Float64Array(10) }, meta: {} });
    expect(() => decodeArrays(data.subarray(0, 2))).toThrow(RangeError);
    expect(() => decodeArrays(data.subarray(0, data.length - 8))).toThrow(RangeError);
  });
});
