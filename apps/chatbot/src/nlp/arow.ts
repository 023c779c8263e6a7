// AROW (Crammer, Kulesza and Dredze, NIPS 2009) on the multiclass hinge: each weight keeps a variance, a step moves
// the true class's row and the strongest rival's in proportion to the loss and to the variances, and the variances
// of the features it touched shrink. Diagonal covariance, so a step costs what an SGD step costs.
import type { Rng } from '@suite/shared/ml';
import { scoreInto, type LinearModel, type LinearTrainer } from './linear-model.ts';
import type { SparseVector } from './tfidf-vectorizer.ts';

export interface ArowOptions {
  /** r: the larger, the smaller and slower-shrinking the steps. */
  r: number;
  /** A row that cleared its margin by this much is skipped the next epoch (as the SGD trainer's shrinking); 0: off. */
  shrinkMargin: number;
}

/** A fresh zero model with unit variances, trained by AROW steps. */
export function createArowTrainer(classes: number, dim: number, o: ArowOptions): LinearTrainer {
  const model: LinearModel = {
    dim,
    classes,
    weights: new Float32Array(dim * classes),
    bias: new Float32Array(classes),
  };
  const sigma = new Float32Array(dim * classes).fill(1);
  const sigmaBias = new Float64Array(classes).fill(1);
  const scratch = new Float64Array(classes);

  /** One step on (x, y); returns the margin violation 1 + rival - true (no step when <= 0). */
  function step(x: SparseVector, y: number, weight: number): number {
    scoreInto(model, x, scratch);
    let rival = -1;
    for (let k = 0; k < classes; k++)
      if (k !== y && (rival < 0 || (scratch[k] as number) > (scratch[rival] as number))) rival = k;
    if (rival < 0) return -Infinity;
    const loss = 1 + (scratch[rival] as number) - (scratch[y] as number);
    if (loss <= 0) return loss;
    const { indices, values } = x;
    let v = (sigmaBias[y] as number) + (sigmaBias[rival] as number);
    for (let i = 0; i < indices.length; i++) {
      const base = (indices[i] as number) * classes;
      const xv = values[i] as number;
      v += xv * xv * ((sigma[base + y] as number) + (sigma[base + rival] as number));
    }
    const beta = 1 / (v + o.r);
    const alpha = loss * beta * weight;
    for (let i = 0; i < indices.length; i++) {
      const base = (indices[i] as number) * classes;
      const xv = values[i] as number;
      for (const [k, sign] of [
        [y, 1],
        [rival, -1],
      ] as const) {
        const s = sigma[base + k] as number;
        model.weights[base + k] = (model.weights[base + k] as number) + sign * alpha * s * xv;
        sigma[base + k] = s - beta * s * s * xv * xv;
      }
    }
    for (const [k, sign] of [
      [y, 1],
      [rival, -1],
    ] as const) {
      const s = sigmaBias[k] as number;
      model.bias[k] = (model.bias[k] as number) + sign * alpha * s;
      sigmaBias[k] = s - beta * s * s;
    }
    return loss;
  }

  return {
    model,
    train(
      xs: readonly SparseVector[],
      ys: Int32Array,
      epochs: number,
      rng: Rng,
      sampleWeights?: Float32Array,
    ) {
      const order = new Int32Array(xs.length);
      for (let i = 0; i < order.length; i++) order[i] = i;
      const skip = new Uint8Array(xs.length);
      for (let epoch = 0; epoch < epochs; epoch++) {
        rng.shuffle(order);
        const last = epoch === epochs - 1;
        for (let n = 0; n < order.length; n++) {
          const i = order[n] as number;
          if (o.shrinkMargin > 0 && !last && skip[i] === 1) {
            skip[i] = 0;
            continue;
          }
          const w = sampleWeights === undefined ? 1 : (sampleWeights[i] as number);
          const result = step(xs[i] as SparseVector, ys[i] as number, w);
          if (o.shrinkMargin > 0) skip[i] = result <= -o.shrinkMargin ? 1 : 0;
        }
      }
    },
  };
}
