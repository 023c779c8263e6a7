// :predict answers, one prediction per instance, however the outputs are shaped: rows of a rank-3 output nest, a
// rank-1 output gives plain values, 64-bit integers past 2^53 stay exact as strings, booleans stay booleans, and
// several outputs give one object per row in the signature's order.
import { describe, expect, it } from 'vitest';
import type { Signature, TensorSpec } from '../runtime/signature.ts';
import type { HostTensor, TensorMap } from '../runtime/onnx-model.ts';
import { predictionsFrom } from './instances.ts';

const spec = (name: string, datatype: TensorSpec['datatype'], shape: number[]): TensorSpec => ({
  name,
  datatype,
  shape,
  dimNames: shape.map(() => null),
});
const signatureOf = (...outputs: TensorSpec[]): Signature => ({ inputs: [], outputs, batchable: true });

describe('predictionsFrom', () => {
  it('nests each row of a rank-3 output along its inner dimensions', () => {
    const outputs: TensorMap = {
      grid: {
        datatype: 'FP32',
        dims: [2, 2, 3],
        data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
      },
    };
    expect(predictionsFrom(signatureOf(spec('grid', 'FP32', [-1, 2, 3])), outputs)).toEqual([
      [
        [0, 1, 2],
        [3, 4, 5],
      ],
      [
        [6, 7, 8],
        [9, 10, 11],
      ],
    ]);
  });

  it('gives plain values for a rank-1 output, exact strings past 2^53, booleans as booleans', () => {
    const big = 2n ** 60n + 1n;
    const ids: HostTensor = { datatype: 'INT64', dims: [3], data: BigInt64Array.from([1n, -2n, big]) };
    expect(predictionsFrom(signatureOf(spec('id', 'INT64', [-1])), { id: ids })).toEqual([
      1,
      -2,
      big.toString(),
    ]);
    const flags: HostTensor = { datatype: 'BOOL', dims: [2, 1], data: Uint8Array.from([1, 0]) };
    expect(predictionsFrom(signatureOf(spec('flag', 'BOOL', [-1, 1])), { flag: flags })).toEqual([
      [true],
      [false],
    ]);
  });

  it('gives one object per row for several outputs, keys in the signature order, empty inner rows kept', () => {
    const outputs: TensorMap = {
      probabilities: { datatype: 'FP64', dims: [2, 2], data: Float64Array.from([0.25, 0.75, 1, 0]) },
      label: { datatype: 'INT64', dims: [2], data: BigInt64Array.from([1n, 0n]) },
      none: { datatype: 'FP32', dims: [2, 0], data: new Float32Array(0) },
    };
    const signature = signatureOf(
      spec('label', 'INT64', [-1]),
      spec('probabilities', 'FP64', [-1, 2]),
      spec('none', 'FP32', [-1, 0]),
    );
    const predictions = predictionsFrom(signature, outputs);
    expect(predictions).toEqual([
      { label: 1, probabilities: [0.25, 0.75], none: [] },
      { label: 0, probabilities: [1, 0], none: [] },
    ]);
    expect(Object.keys(predictions[0] as object)).toEqual(['label', 'probabilities', 'none']);
  });

  it('keeps an output named __proto__ as a member of each row', () => {
    const outputs: TensorMap = {
      ['__proto__']: { datatype: 'FP32', dims: [1], data: Float32Array.from([2]) },
      score: { datatype: 'FP32', dims: [1], data: Float32Array.from([3]) },
    };
    const rows = predictionsFrom(
      signatureOf(spec('__proto__', 'FP32', [-1]), spec('score', 'FP32', [-1])),
      outputs,
    );
    expect(JSON.stringify(rows)).toBe('[{"__proto__":2,"score":3}]');
  });
});
