// Micro-batching: concurrent requests to one loaded model are stacked along the batch (first) dimension and run
// together, each waiting at most `waitMs` for company; the outputs are split back by rows.
import type { HostTensor, OnnxModel, TensorMap } from './onnx-model.ts';
import { allocate } from './tensor-types.ts';

export interface MicroBatchOptions {
  /** Longest a request waits for others; 0 runs every request on its own. */
  waitMs: number;
  /** A waiting batch runs at once when it reaches this many rows. */
  maxRows: number;
}

export interface BatchStats {
  /** Requests answered. */
  requests: number;
  /** Runtime calls made for them (fewer than requests when batching merged some). */
  runs: number;
}

export interface MicroBatcher {
  run(inputs: TensorMap): Promise<TensorMap>;
  stats(): BatchStats;
}

interface Pending {
  inputs: TensorMap;
  rows: number;
  resolve: (outputs: TensorMap) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  items: Pending[];
  rows: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** Stacks same-named tensors of several requests along dimension 0. */
function stack(parts: readonly HostTensor[], rows: number): HostTensor {
  const first = parts[0]!;
  const inner = first.dims.slice(1);
  const data = allocate(first.datatype, rows * product(inner));
  let offset = 0;
  for (const part of parts) {
    (data as { set(a: ArrayLike<unknown>, o: number): void }).set(part.data as ArrayLike<unknown>, offset);
    offset += part.data.length;
  }
  return { datatype: first.datatype, dims: [rows, ...inner], data };
}

/** Rows [from, from + count) of a tensor stacked along dimension 0. */
function sliceRows(tensor: HostTensor, from: number, count: number): HostTensor {
  const rowSize = product(tensor.dims.slice(1));
  return {
    datatype: tensor.datatype,
    dims: [count, ...tensor.dims.slice(1)],
    data: tensor.data.slice(from * rowSize, (from + count) * rowSize),
  };
}

export function createMicroBatcher(model: OnnxModel, options: MicroBatchOptions): MicroBatcher {
  const counts: BatchStats = { requests: 0, runs: 0 };
  const queues = new Map<string, Queue>();
  const names = model.signature.inputs.map((s) => s.name);
  let busy = 0;
  /** Counts runs in flight; when one ends, whatever queued behind it runs at once instead of waiting out its timer. */
  const tracked = (run: Promise<TensorMap>): Promise<TensorMap> => {
    busy += 1;
    const done = () => {
      busy -= 1;
      for (const [key, queue] of [...queues]) void flush(key, queue);
    };
    run.then(done, done);
    return run;
  };
  const direct = (inputs: TensorMap): Promise<TensorMap> => {
    counts.runs += 1;
    counts.requests += 1;
    return tracked(model.run(inputs));
  };
  if (!model.signature.batchable || options.waitMs <= 0) {
    const alone = (inputs: TensorMap): Promise<TensorMap> => {
      counts.runs += 1;
      counts.requests += 1;
      return model.run(inputs);
    };
    return { run: alone, stats: () => ({ ...counts }) };
  }

  async function flush(key: string, queue: Queue): Promise<void> {
    if (queue.timer) clearTimeout(queue.timer);
    queues.delete(key);
    const { items, rows } = queue;
    if (items.length === 1) {
      const only = items[0]!;
      direct(only.inputs).then(only.resolve, only.reject);
      return;
    }
    counts.runs += 1;
    counts.requests += items.length;
    try {
      const stacked: TensorMap = {};
      for (const name of names)
        stacked[name] = stack(
          items.map((p) => p.inputs[name]!),
          rows,
        );
      const outputs = await tracked(model.run(stacked));
      // A model whose output does not follow the batch (a pooled summary) cannot be split: run each alone.
      if (Object.values(outputs).some((t) => t.dims[0] !== rows)) {
        for (const p of items) model.run(p.inputs).then(p.resolve, p.reject);
        return;
      }
      let from = 0;
      for (const p of items) {
        const mine: TensorMap = {};
        for (const [name, t] of Object.entries(outputs)) mine[name] = sliceRows(t, from, p.rows);
        from += p.rows;
        p.resolve(mine);
      }
    } catch (error) {
      for (const p of items) p.reject(error);
    }
  }

  return {
    stats: () => ({ ...counts }),
    run(inputs) {
      const rows = inputs[names[0]!]!.dims[0]!;
      if (rows >= options.maxRows) return direct(inputs);
      // Only requests whose non-batch dimensions agree can share a run.
      const key = names.map((n) => inputs[n]!.dims.slice(1).join('x')).join('|');
      // Nothing running: no one to wait for. Requests arriving while this runs queue and go together when it ends
      // (or when their wait runs out, whichever comes first).
      if (busy === 0 && !queues.has(key)) return direct(inputs);
      return new Promise<TensorMap>((resolve, reject) => {
        let queue = queues.get(key);
        if (queue && queue.rows + rows > options.maxRows) {
          void flush(key, queue);
          queue = undefined;
        }
        if (!queue) {
          queue = { items: [], rows: 0, timer: undefined };
          queues.set(key, queue);
          const q = queue;
          q.timer = setTimeout(() => void flush(key, q), options.waitMs);
        }
        queue.items.push({ inputs, rows, resolve, reject });
        queue.rows += rows;
        if (queue.rows >= options.maxRows) void flush(key, queue);
      });
    },
  };
}
