// Micro-batching on the real PyTorch export: concurrent requests share runs, and each still gets exactly the rows
// it would get alone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMicroBatcher } from './micro-batcher.ts';
import { loadOnnxModel, type TensorMap } from './onnx-model.ts';

const model = await loadOnnxModel(
  new Uint8Array(readFileSync(new URL('../../models/wine-mlp.onnx', import.meta.url))),
  {
    threads: 1,
  },
);
const rows = (
  JSON.parse(readFileSync(new URL('../../models/wine-mlp.json', import.meta.url), 'utf8')) as {
    reference: { inputs: { features: number[][] } };
  }
).reference.inputs.features;
const feed = (from: number, count: number): TensorMap => ({
  features: {
    datatype: 'FP32',
    dims: [count, 13],
    data: Float32Array.from(rows.slice(from, from + count).flat()),
  },
});

describe('micro-batcher', () => {
  it('stacks concurrent requests into fewer runs and splits the outputs back by rows', async () => {
    const batcher = createMicroBatcher(model, { waitMs: 20, maxRows: 1000 });
    const parts = [
      [0, 1],
      [1, 3],
      [4, 2],
      [6, 5],
    ] as const;
    const answers = await Promise.all(parts.map(([from, count]) => batcher.run(feed(from, count))));
    // The first runs at once (nothing to wait for); the three arriving while it runs go together after it.
    expect(batcher.stats()).toEqual({ requests: 4, runs: 2 });
    for (const [i, [from, count]] of parts.entries()) {
      const alone = await model.run(feed(from, count));
      expect(answers[i]!['probabilities']!.dims).toEqual([count, 3]);
      expect(Array.from(answers[i]!['probabilities']!.data as Float32Array)).toEqual(
        Array.from(alone['probabilities']!.data as Float32Array),
      );
    }
  });

  it('runs a batch at once when it reaches maxRows, and never merges with waitMs 0', async () => {
    const full = createMicroBatcher(model, { waitMs: 10_000, maxRows: 4 });
    // The first runs at once; the next two fill the cap (4 rows) and run together; the last goes on its own.
    // Without the cap, the three would have run as one batch when the first ended.
    await Promise.all([
      full.run(feed(0, 1)),
      full.run(feed(1, 2)),
      full.run(feed(3, 2)),
      full.run(feed(5, 2)),
    ]);
    expect(full.stats()).toEqual({ requests: 4, runs: 3 });
    const off = createMicroBatcher(model, { waitMs: 0, maxRows: 256 });
    await Promise.all([off.run(feed(0, 1)), off.run(feed(1, 1))]);
    expect(off.stats()).toEqual({ requests: 2, runs: 2 });
  });
});
