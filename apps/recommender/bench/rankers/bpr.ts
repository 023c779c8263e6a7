// BPR-MF (Rendle et al. 2009), a reference: SGD on ln sigmoid(<p_u, q_i> - <p_u, q_j>) for a rated item i and
// a uniformly drawn item j the user did not rate, with item biases. Memory (users + items) x k; time
// epochs x ratings x k, and it needs many more epochs than iALS needs sweeps.
import { createRng } from '@suite/shared/ml';
import type { Interactions } from '../../src/training/interactions.ts';

export interface BprOptions {
  factors: number;
  epochs: number;
  learningRate: number;
  reg: number;
  seed: number;
}

export const DEFAULT_BPR: BprOptions = { factors: 64, epochs: 40, learningRate: 0.05, reg: 0.002, seed: 42 };

export interface BprModel {
  k: number;
  user: Float64Array;
  item: Float64Array;
  bias: Float64Array;
}

function hasItem(data: Interactions, u: number, j: number): boolean {
  let lo = data.userStart[u] as number;
  let hi = (data.userStart[u + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = data.userItem[mid] as number;
    if (v === j) return true;
    if (v < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function trainBpr(data: Interactions, input: Partial<BprOptions> = {}): BprModel {
  const o = { ...DEFAULT_BPR, ...input };
  const k = o.factors;
  const rng = createRng(o.seed);
  const user = Float64Array.from({ length: data.nUsers * k }, () => 0.1 * rng.normal());
  const item = Float64Array.from({ length: data.nItems * k }, () => 0.1 * rng.normal());
  const bias = new Float64Array(data.nItems);
  const n = data.userItem.length;
  const owner = new Int32Array(n);
  for (let u = 0; u < data.nUsers; u++)
    owner.fill(u, data.userStart[u] as number, data.userStart[u + 1] as number);
  const { learningRate: lr, reg } = o;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let s = 0; s < n; s++) {
      const p = rng.nextInt(n);
      const u = owner[p] as number;
      const i = data.userItem[p] as number;
      let j = rng.nextInt(data.nItems);
      while (hasItem(data, u, j)) j = rng.nextInt(data.nItems);
      const uo = u * k;
      const io = i * k;
      const jo = j * k;
      let x = (bias[i] as number) - (bias[j] as number);
      for (let f = 0; f < k; f++)
        x += (user[uo + f] as number) * ((item[io + f] as number) - (item[jo + f] as number));
      const g = 1 / (1 + Math.exp(x));
      bias[i]! += lr * (g - reg * (bias[i] as number));
      bias[j]! += lr * (-g - reg * (bias[j] as number));
      for (let f = 0; f < k; f++) {
        const pu = user[uo + f] as number;
        const qi = item[io + f] as number;
        const qj = item[jo + f] as number;
        user[uo + f] = pu + lr * (g * (qi - qj) - reg * pu);
        item[io + f] = qi + lr * (g * pu - reg * qi);
        item[jo + f] = qj + lr * (-g * pu - reg * qj);
      }
    }
  }
  return { k, user, item, bias };
}

export function scoreBpr(m: BprModel, u: number, out: Float64Array): void {
  const k = m.k;
  for (let i = 0; i < out.length; i++) {
    let y = m.bias[i] as number;
    for (let f = 0; f < k; f++) y += (m.user[u * k + f] as number) * (m.item[i * k + f] as number);
    out[i] = y;
  }
}
