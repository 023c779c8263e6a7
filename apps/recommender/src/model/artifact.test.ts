import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { trainModel } from '../training/train-model.ts';
import { decodeModel, encodeModel } from './artifact.ts';
import { predictRatings } from './predict.ts';

const data = createSyntheticData({ nUsers: 20, nItems: 12, perUser: 6 });
const { model } = trainModel(data, { kind: 'fm', k: 4, epochs: 2, validationFraction: 0 });

describe('model artifact', () => {
  it('round-trips a model: same catalog, float32 parameters, same predictions', () => {
    const bytes = encodeModel(model);
    const back = decodeModel(bytes);
    expect(back.kind).toBe('fm');
    expect(back.k).toBe(4);
    expect(Array.from(back.catalog.seenItem)).toEqual(Array.from(model.catalog.seenItem));
    expect(back.catalog.genres).toEqual(model.catalog.genres);
    const a = predictRatings(model, data.ratings);
    const b = predictRatings(back, data.ratings);
    for (let r = 0; r < a.length; r++) expect(b[r]).toBeCloseTo(a[r] as number, 4);
  });

  it('stores parameters as 4 bytes each, not JSON text', () => {
    expect(encodeModel(model).byteLength).toBeLessThan(model.params.length * 4 + 4096);
  });

  it('decodes from an unaligned view of a larger buffer', () => {
    const bytes = encodeModel(model);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(decodeModel(padded.subarray(3)).params.length).toBe(model.params.length);
  });

  it('still loads a format-1 artifact, as published before the ials kind existed', () => {
    const bytes = encodeModel(model);
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(4, 1, true);
    const back = decodeModel(bytes);
    expect(back.kind).toBe('fm');
    expect(back.ials).toBeUndefined();
    expect(Array.from(back.params.subarray(0, 8))).toEqual(
      Array.from(decodeModel(encodeModel(model)).params.subarray(0, 8)),
    );
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(4, 3, true);
    expect(() => decodeModel(bytes)).toThrow(/format version 3/);
  });

  it('rejects foreign and truncated data with a clear error', () => {
    expect(() => decodeModel(new TextEncoder().encode('{"json":true}'))).toThrow(/bad magic/);
    const bytes = encodeModel(model);
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 64))).toThrow(/truncated/);
  });
});
