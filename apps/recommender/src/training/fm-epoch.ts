// One SGD pass of the FM over user chunks. Per-example updates for item and explicit user features; the
// implicit rated-items factors are constant within a chunk, so their gradient is summed and applied once
// per chunk (Rendle's block trick), which keeps an epoch near O(k * (item + explicit nnz)) per rating.
import type { Optimizer } from '@suite/shared/ml';
import type { EpochPlan } from './epoch-plan.ts';
import { GROUP_COUNT } from '../features/feature-space.ts';
import type { TrainingSet } from './training-set.ts';

/** Hyper-parameters the kernel reads. */
export interface EpochHyper {
  k: number;
  /** Feature count n (the layout size). */
  size: number;
  /** Group id per feature. */
  group: Uint8Array;
  /** L2 on w and on v, per feature group. */
  regW: Float64Array;
  regV: Float64Array;
  /** Multiplies every gradient: a learning-rate schedule for SGD and Momentum. */
  lrScale: number;
  /** Send every AdaGrad step through `opt.update` instead of the inlined copy (tests compare the two). */
  sharedUpdate?: boolean;
}

/** Scratch buffers, reused across epochs. */
export interface EpochScratch {
  su: Float64Array;
  si: Float64Array;
  sf: Float64Array;
  accE: Float64Array;
}

export function createEpochScratch(k: number): EpochScratch {
  return {
    su: new Float64Array(k),
    si: new Float64Array(k),
    sf: new Float64Array(k),
    accE: new Float64Array(k),
  };
}

/** Run the planned chunks, updating `p` in place; returns the training sum of squared errors. */
export function runEpoch(
  set: TrainingSet,
  p: Float64Array,
  opt: Optimizer,
  { chunks: plan, order }: EpochPlan,
  h: EpochHyper,
  sc: EpochScratch,
): number {
  if (h.regW.length < GROUP_COUNT || h.regV.length < GROUP_COUNT)
    throw new RangeError('regW/regV need one entry per group');
  const { k, group, regW, regV, lrScale } = h;
  const { su, si, sf, accE } = sc;
  const W = 1;
  const V = 1 + h.size;
  // The factor loops below make ~90 % of the optimiser steps (about 20 M per epoch on MovieLens 100K), so for
  // AdaGrad they inline the shared rule, reading the shared optimiser's own state and settings: the same
  // operations in the same order as AdaGrad.update in @suite/shared/ml (G += g*g; w -= eta/sqrt(G+eps)*g),
  // hence bit-identical parameters (fm-epoch.test.ts), about 6-10 % less CPU (no call, no per-call range guard:
  // every index here is inside the layout by construction). Other rules and the bias steps call opt.update.
  const ada = opt.kind === 'adagrad' && h.sharedUpdate !== true;
  if (ada && opt.state.length < p.length)
    throw new RangeError('optimiser state is smaller than the parameter vector');
  const G = opt.state;
  const eta = opt.options.learningRate;
  const eps = opt.options.epsilon;
  let sse = 0;
  for (let c = 0; c < plan.length; c += 3) {
    const u = plan[c] as number;
    const a = set.ubStart[u] as number;
    const e = a + (set.ubExplicit[u] as number);
    const b = set.ubStart[u + 1] as number;
    // Every implicit entry of a user has the same x (1/sqrt|N(u)|), so the implicit sums are x * (sum of v)
    // and the implicit step's per-feature constants hoist out of the loops.
    const xi = b > e ? (set.ubVal[e] as number) : 0;
    let linU = 0;
    let sqU = 0;
    su.fill(0);
    for (let t = e; t < b; t++) {
      const j = set.ubIdx[t] as number;
      linU += p[W + j] as number;
      const off = V + j * k;
      for (let f = 0; f < k; f++) {
        const v = p[off + f] as number;
        su[f]! += v;
        sqU += v * v;
      }
    }
    linU *= xi;
    sqU *= xi * xi;
    for (let f = 0; f < k; f++) su[f]! *= xi;
    for (let t = a; t < e; t++) {
      const j = set.ubIdx[t] as number;
      const x = set.ubVal[t] as number;
      linU += (p[W + j] as number) * x;
      const off = V + j * k;
      for (let f = 0; f < k; f++) {
        const vx = (p[off + f] as number) * x;
        su[f]! += vx;
        sqU += vx * vx;
      }
    }
    accE.fill(0);
    let accErr = 0;
    for (let q = plan[c + 1] as number, end = plan[c + 2] as number; q < end; q++) {
      const ex = order[q] as number;
      const i = set.exItem[ex] as number;
      const ia = set.ibStart[i] as number;
      const ib = set.ibStart[i + 1] as number;
      let linI = 0;
      let sqi = 0;
      si.fill(0);
      for (let t = ia; t < ib; t++) {
        const j = set.ibIdx[t] as number;
        const x = set.ibVal[t] as number;
        linI += (p[W + j] as number) * x;
        const off = V + j * k;
        for (let f = 0; f < k; f++) {
          const vx = (p[off + f] as number) * x;
          si[f]! += vx;
          sqi += vx * vx;
        }
      }
      let pair = -sqi - sqU;
      for (let f = 0; f < k; f++) {
        const s = (su[f] as number) + (si[f] as number);
        sf[f] = s;
        pair += s * s;
      }
      const err = (p[0] as number) + linU + linI + 0.5 * pair - (set.exRating[ex] as number);
      sse += err * err;
      const ge = err * lrScale;
      opt.update(p, 0, ge);
      // Factor gradient ge*x*(s_f - v*x) + rv*v, written as gx*s_f + cv*v with the constants hoisted.
      for (let t = ia; t < ib; t++) {
        const j = set.ibIdx[t] as number;
        const x = set.ibVal[t] as number;
        const g = group[j] as number;
        opt.update(p, W + j, ge * x + lrScale * (regW[g] as number) * (p[W + j] as number));
        const off = V + j * k;
        const gx = ge * x;
        const cv = lrScale * (regV[g] as number) - gx * x;
        if (ada) {
          for (let f = 0; f < k; f++) {
            const v = p[off + f] as number;
            const gv = gx * (sf[f] as number) + cv * v;
            const s2 = (G[off + f] as number) + gv * gv;
            G[off + f] = s2;
            p[off + f] = v - (eta / Math.sqrt(s2 + eps)) * gv;
          }
        } else {
          for (let f = 0; f < k; f++)
            opt.update(p, off + f, gx * (sf[f] as number) + cv * (p[off + f] as number));
        }
      }
      // Explicit user features move per example; keep the user aggregates in step with them.
      for (let t = a; t < e; t++) {
        const j = set.ubIdx[t] as number;
        const x = set.ubVal[t] as number;
        const g = group[j] as number;
        const w = p[W + j] as number;
        opt.update(p, W + j, ge * x + lrScale * (regW[g] as number) * w);
        linU += x * ((p[W + j] as number) - w);
        const off = V + j * k;
        const gx = ge * x;
        const cv = lrScale * (regV[g] as number) - gx * x;
        let dsq = 0;
        for (let f = 0; f < k; f++) {
          const v = p[off + f] as number;
          const gv = gx * (sf[f] as number) + cv * v;
          let nv: number;
          if (ada) {
            const s2 = (G[off + f] as number) + gv * gv;
            G[off + f] = s2;
            nv = v - (eta / Math.sqrt(s2 + eps)) * gv;
            p[off + f] = nv;
          } else {
            opt.update(p, off + f, gv);
            nv = p[off + f] as number;
          }
          su[f]! += x * (nv - v);
          dsq += nv * nv - v * v;
        }
        sqU += x * x * dsq;
      }
      accErr += err;
      for (let f = 0; f < k; f++) accE[f]! += err * (sf[f] as number);
    }
    // Implicit features: one summed step per chunk (their x is 1/sqrt|N(u)|, constant across the chunk):
    // gradient lrScale*x*(accE_f - v*x*accErr) + rv*v = ge_f + cv*v.
    for (let f = 0; f < k; f++) accE[f] = lrScale * xi * (accE[f] as number);
    for (let t = e; t < b; t++) {
      const j = set.ubIdx[t] as number;
      const g = group[j] as number;
      opt.update(p, W + j, lrScale * (xi * accErr + (regW[g] as number) * (p[W + j] as number)));
      const off = V + j * k;
      const cv = lrScale * ((regV[g] as number) - xi * xi * accErr);
      if (ada) {
        for (let f = 0; f < k; f++) {
          const v = p[off + f] as number;
          const gv = (accE[f] as number) + cv * v;
          const s2 = (G[off + f] as number) + gv * gv;
          G[off + f] = s2;
          p[off + f] = v - (eta / Math.sqrt(s2 + eps)) * gv;
        }
      } else {
        for (let f = 0; f < k; f++) opt.update(p, off + f, (accE[f] as number) + cv * (p[off + f] as number));
      }
    }
  }
  return sse;
}
