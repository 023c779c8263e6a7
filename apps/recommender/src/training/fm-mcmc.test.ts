import { createRng } from '@suite/shared/ml';
import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { createUserContext, createItemTable, scoreItem } from '../model/fm-model.ts';
import { buildItemBlock, buildUserBlock, getCatalogUserFacts } from '../features/feature-space.ts';
import { resolveTrainOptions } from './train-options.ts';
import { createModelFor } from './train-model.ts';
import { createTrainingSet } from './training-set.ts';
import { createMcmcIndex, transposeBlocks } from './mcmc-index.ts';
import { createMcmcScratch, gibbsSweep } from './fm-mcmc.ts';
import { createMcmcState, getSampleParams, refreshResiduals } from './mcmc-state.ts';
import { getRaoBlackwellParams } from './rao-blackwell.ts';
import { sampleGamma } from './mcmc-priors.ts';

const data = createSyntheticData({ nUsers: 60, nItems: 30, perUser: 12, seed: 3 });

function setup(k: number) {
  const options = resolveTrainOptions({ kind: 'fm', k, validationFraction: 0 });
  const { catalog, model } = createModelFor(data, data.ratings, options);
  const set = createTrainingSet(model.layout, catalog, data.ratings);
  return { model, set, index: createMcmcIndex(model.layout, set) };
}

describe('Gibbs sampler for FMs', () => {
  it('keeps its incremental residuals equal to rating minus the FM prediction of the sampled parameters', () => {
    const { model, set, index } = setup(4);
    const rng = createRng(9);
    const state = createMcmcState(index, 4, rng, 0.1, set.mean);
    const scratch = createMcmcScratch(index);
    for (let it = 0; it < 5; it++) gibbsSweep(index, state, rng, scratch);
    const sampled = { ...model, params: getSampleParams(index, state) };
    const table = createItemTable(sampled, (i) => buildItemBlock(model.layout, model.catalog, i));
    let worst = 0;
    for (let u = 0; u < set.nUsers; u++) {
      const ctx = createUserContext(
        sampled,
        buildUserBlock(model.layout, getCatalogUserFacts(model.catalog, u)),
      );
      for (let r = set.userExStart[u] as number; r < (set.userExStart[u + 1] as number); r++) {
        const y = scoreItem(sampled, ctx, table, set.exItem[r] as number);
        worst = Math.max(worst, Math.abs((set.exRating[r] as number) - y - (state.e[r] as number)));
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('draws each factor from sums over rows that equal the sums of h^2 and e*h over its ratings', () => {
    const { model, set, index } = setup(3);
    const { layout } = model;
    // Put a many-row feature first on each side (an implicit item, a genre), so its draw sees exact residuals.
    const first = (feat: Int32Array, j: number) => {
      const p = feat.indexOf(j);
      [feat[0], feat[p]] = [j, feat[0] as number];
    };
    first(index.user.feat, layout.implicit + 2);
    first(index.item.feat, layout.genre + 3);
    for (const side of [index.user, index.item])
      Object.assign(
        side,
        transposeBlocks(side.rows, side.rowStart, side.rowIdx, side.rowVal, side.feat, index.n),
      );
    const rng = createRng(4);
    const state = createMcmcState(index, 3, rng, 0.3, set.mean);
    const scratch = createMcmcScratch(index);
    gibbsSweep(index, state, rng, scratch);
    const checked: string[] = [];
    gibbsSweep(index, state, rng, scratch, {
      noise: 1,
      onDraw: ({ side, j, f, sh2, seh }) => {
        if (j !== side.feat[0]) return;
        let bh2 = 0;
        let beh = 0;
        const blockX = (start: Int32Array, idx: Int32Array, val: Float64Array, a: number, jj: number) => {
          for (let t = start[a] as number; t < (start[a + 1] as number); t++)
            if (idx[t] === jj) return val[t] as number;
          return 0;
        };
        const q = (start: Int32Array, idx: Int32Array, val: Float64Array, a: number) => {
          let s = 0;
          for (let t = start[a] as number; t < (start[a + 1] as number); t++)
            s += (state.v[f * index.n + (idx[t] as number)] as number) * (val[t] as number);
          return s;
        };
        for (let u = 0; u < set.nUsers; u++) {
          for (let r = set.userExStart[u] as number; r < (set.userExStart[u + 1] as number); r++) {
            const i = set.exItem[r] as number;
            const x =
              side === index.user
                ? blockX(set.ubStart, set.ubIdx, set.ubVal, u, j)
                : blockX(set.ibStart, set.ibIdx, set.ibVal, i, j);
            if (x === 0) continue;
            const h =
              f < 0
                ? x
                : x *
                  (q(set.ubStart, set.ubIdx, set.ubVal, u) +
                    q(set.ibStart, set.ibIdx, set.ibVal, i) -
                    (state.v[f * index.n + j] as number) * x);
            bh2 += h * h;
            beh += (state.e[r] as number) * h;
          }
        }
        expect(sh2).toBeGreaterThan(0);
        expect(Math.abs(sh2 - bh2)).toBeLessThan(1e-9 * (1 + bh2));
        expect(Math.abs(seh - beh)).toBeLessThan(1e-9 * (1 + Math.abs(beh)));
        checked.push(`${side === index.user ? 'user' : 'item'}:${f}`);
      },
    });
    expect(checked).toEqual([
      'user:-1',
      'item:-1',
      'user:0',
      'item:0',
      'user:1',
      'item:1',
      'user:2',
      'item:2',
    ]);
  });

  it('never raises the regularised squared error when every draw is replaced by its conditional mean (ALS)', () => {
    const { set, index } = setup(4);
    const rng = createRng(2);
    const state = createMcmcState(index, 4, rng, 0.1, set.mean);
    const scratch = createMcmcScratch(index);
    const objective = () => {
      let j = 0;
      for (const e of state.e) j += 0.5 * state.alpha * e * e;
      for (let p = 0; p < index.n; p++) {
        const g = index.group[p] as number;
        j += 0.5 * (state.wLambda[g] as number) * ((state.w[p] as number) - (state.wMu[g] as number)) ** 2;
        for (let f = 0; f < 4; f++) {
          const h = g * 4 + f;
          j +=
            0.5 *
            (state.vLambda[h] as number) *
            ((state.v[f * index.n + p] as number) - (state.vMu[h] as number)) ** 2;
        }
      }
      return j;
    };
    let last = objective();
    const first = last;
    for (let it = 0; it < 8; it++) {
      gibbsSweep(index, state, rng, scratch, { noise: 0 });
      const now = objective();
      expect(now).toBeLessThanOrEqual(last * (1 + 1e-12));
      last = now;
    }
    expect(last).toBeLessThan(0.7 * first);
  });

  it('Rao-Blackwellises a sample: each item gets the parameters where its conditional log-posterior is flat', () => {
    const { model, set, index } = setup(3);
    const rng = createRng(8);
    const state = createMcmcState(index, 3, rng, 0.2, set.mean);
    const scratch = createMcmcScratch(index);
    for (let it = 0; it < 4; it++) gibbsSweep(index, state, rng, scratch);
    refreshResiduals(index, state);
    const rb = { ...model, params: getRaoBlackwellParams(index, state, model.layout) };
    const { layout } = model;
    const n = layout.size;
    const table = createItemTable(rb, (i) => buildItemBlock(layout, model.catalog, i));
    const grad = new Float64Array(set.nItems * 4);
    for (let u = 0; u < set.nUsers; u++) {
      const block = buildUserBlock(layout, getCatalogUserFacts(model.catalog, u));
      const ctx = createUserContext(rb, block);
      for (let r = set.userExStart[u] as number; r < (set.userExStart[u + 1] as number); r++) {
        const i = set.exItem[r] as number;
        const e = (set.exRating[r] as number) - scoreItem(rb, ctx, table, i);
        grad[i * 4]! += state.alpha * e;
        // h_f = sum of every other feature's v_f x in the pair: user sum + item sum - the item's own v_f.
        for (let f = 0; f < 3; f++) {
          const own = rb.params[1 + n + (layout.item + i) * 3 + f] as number;
          grad[i * 4 + 1 + f]! +=
            state.alpha * e * ((ctx.s[f] as number) + (table.s[i * 3 + f] as number) - own);
        }
      }
    }
    const g = index.group[layout.item] as number;
    let worst = 0;
    for (let i = 0; i < set.nItems; i++) {
      const j = layout.item + i;
      const w = rb.params[1 + j] as number;
      worst = Math.max(
        worst,
        Math.abs((grad[i * 4] as number) - (state.wLambda[g] as number) * (w - (state.wMu[g] as number))),
      );
      for (let f = 0; f < 3; f++) {
        const v = rb.params[1 + n + j * 3 + f] as number;
        const prior = (state.vLambda[g * 3 + f] as number) * (v - (state.vMu[g * 3 + f] as number));
        worst = Math.max(worst, Math.abs((grad[i * 4 + 1 + f] as number) - prior));
      }
    }
    expect(worst).toBeLessThan(1e-8);
  });

  it('draws Gamma variates with the requested mean and variance', () => {
    const rng = createRng(1);
    for (const [shape, rate] of [
      [0.5, 2],
      [3, 0.5],
      [400, 100],
    ] as const) {
      const xs = Array.from({ length: 20000 }, () => sampleGamma(rng, shape, rate));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
      expect(mean).toBeCloseTo(shape / rate, 1);
      expect(variance / (shape / rate ** 2)).toBeGreaterThan(0.9);
      expect(variance / (shape / rate ** 2)).toBeLessThan(1.1);
    }
  });
});
