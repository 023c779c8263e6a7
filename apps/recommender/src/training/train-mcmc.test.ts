import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { createRatings } from '../data/types.ts';
import { ageBucket } from '../features/catalog.ts';
import { buildUserBlock } from '../features/feature-space.ts';
import { createUserContext, scoreItem } from '../model/fm-model.ts';
import { getItemTable, predictRatings } from '../model/predict.ts';
import { trainCost, tryDescribeOverBudget } from './train-budget.ts';
import { trainMcmc } from './train-mcmc.ts';
import { trainModel } from './train-model.ts';
import { resolveTrainOptions } from './train-options.ts';
import { trainWithMethod } from './train-with-method.ts';

// Ratings from a known model: biases plus a rank-3 interaction plus noise (synthetic.ts).
const data = createSyntheticData({ nUsers: 120, nItems: 50, perUser: 25, seed: 11 });

describe('Bayesian FM training by Gibbs sampling', () => {
  it('recovers a known low-rank model: held-out RMSE far below the mean and the biases-only baseline', () => {
    const common = { validationFraction: 0.2, seed: 3 } as const;
    const res = trainMcmc(
      data,
      resolveTrainOptions({ ...common, kind: 'mf', method: 'mcmc', k: 4, epochs: 60 }),
    );
    const base = trainModel(data, { ...common, kind: 'baseline' });
    let sum = 0;
    let sq = 0;
    for (const r of data.ratings.rating) {
      sum += r;
      sq += r * r;
    }
    const n = data.ratings.rating.length;
    const spread = Math.sqrt(sq / n - (sum / n) ** 2);
    expect(res.validation!.rmse).toBeLessThan(0.75 * base.validation!.rmse);
    expect(res.validation!.rmse).toBeLessThan(0.6 * spread);
    // The served model is the blend of the kept samples: samples x k factors.
    expect(res.model.k).toBe(4 * res.options.samples);
    expect(res.model.meta.posterior).toMatchObject({ samples: res.options.samples, sampleK: 4 });
  });

  it('repeats exactly for the same seed and differs for another', () => {
    const o = { kind: 'fm', method: 'mcmc', k: 3, epochs: 8, samples: 2 } as const;
    const a = trainMcmc(data, resolveTrainOptions({ ...o, seed: 5 }));
    const b = trainMcmc(data, resolveTrainOptions({ ...o, seed: 5 }));
    const c = trainMcmc(data, resolveTrainOptions({ ...o, seed: 6 }));
    expect(Array.from(a.model.params)).toEqual(Array.from(b.model.params));
    expect(Array.from(a.model.params)).not.toEqual(Array.from(c.model.params));
    expect(predictRatings(a.model, data.ratings).every(Number.isFinite)).toBe(true);
  });

  it('reports each sweep as it ends, so a training job can show progress and stop between sweeps', async () => {
    const seen: number[] = [];
    const options = resolveTrainOptions({ kind: 'fm', method: 'mcmc', k: 2, epochs: 30, samples: 2 });
    const run = trainWithMethod(data, options, async (record, progress) => {
      seen.push(record.epoch);
      expect(progress).toBeCloseTo(record.epoch / 30);
      if (record.epoch === 3) throw new Error('cancelled');
    });
    await expect(run).rejects.toThrow('cancelled');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('gets its own defaults and refuses the options that only gradient training reads, naming them', () => {
    const o = resolveTrainOptions({ method: 'mcmc' });
    expect(o).toMatchObject({ method: 'mcmc', kind: 'fm', k: 12, burnIn: 10, samples: 32 });
    expect(trainCost(o)).toBeLessThan(1000);
    // Each within its bounds, together hours of Rao-Blackwellisation (k = 256: a 257^3 solve per item and sample).
    expect(
      tryDescribeOverBudget(resolveTrainOptions({ method: 'mcmc', k: 256, epochs: 60, samples: 2 })),
    ).toMatch(/samples/);
    expect(resolveTrainOptions({ method: 'mcmc', epochs: 8 }).burnIn).toBe(2);
    const issues = (input: object) => {
      try {
        resolveTrainOptions(input);
      } catch (e) {
        return (e as { issues: Array<{ path: PropertyKey[] }> }).issues.map((i) => i.path.join('.'));
      }
      return [];
    };
    expect(issues({ method: 'mcmc', learningRate: 0.1, shards: 2 })).toEqual(['learningRate', 'shards']);
    expect(issues({ samples: 4 })).toEqual(['samples']);
    expect(issues({ method: 'mcmc', epochs: 10, burnIn: 10 })).toEqual(['burnIn']);
    expect(issues({ method: 'mcmc', k: 64, samples: 16 })).toEqual(['samples']);
  });

  it('serves side features that no rating holds at a neutral value, so a profiled new user scores like the rest', () => {
    // The README's Try it: fifty users rate without profiles; three profiled users have rated nothing, so no
    // rating holds any age, gender or occupation, and those groups' priors have nothing to anchor them.
    const rows = [];
    for (let u = 1; u <= 50; u++)
      for (let i = 1; i <= 40; i++)
        if ((u * i) % 3 === 0) rows.push({ user: u, item: i, rating: 1 + ((u + 2 * i) % 5) });
    const users = [
      { id: 101, age: 30, gender: 'F', occupation: 'writer' },
      { id: 102, age: 25, gender: 'M', occupation: 'student' },
    ] as const;
    const { model } = trainMcmc(
      { ratings: createRatings(rows), users, items: [] },
      resolveTrainOptions({ kind: 'fm', method: 'mcmc', epochs: 60, samples: 8 }),
    );
    const table = getItemTable(model);
    for (const facts of [
      { user: -1, ageBucket: 2, gender: 1, occupation: -1, rated: [] },
      { user: -1, ageBucket: 1, gender: 0, occupation: 3, rated: [] },
    ]) {
      const ctx = createUserContext(model, buildUserBlock(model.layout, facts));
      for (let i = 0; i < table.constant.length; i++) {
        const y = scoreItem(model, ctx, table, i);
        expect(y).toBeGreaterThan(0);
        expect(y).toBeLessThan(6);
      }
    }
  });

  it('serves the features of a group in which one feature alone was rated at zero, not at that one feature', () => {
    // A user audit: one profiled user among fifty rated, so age, gender and occupation each hold one observed
    // feature. A group prior fitted to one feature is that feature's own parameters: a new user of another age,
    // gender and occupation took them three times over and scored about 8-12 on the 1-5 scale.
    const rows = [];
    for (let u = 1; u <= 50; u++)
      for (let i = 1; i <= 40; i++)
        if ((u * i) % 3 === 0) rows.push({ user: u, item: i, rating: 1 + ((u + 2 * i) % 5) });
    const users = [
      { id: 3, age: 30, gender: 'F', occupation: 'writer' },
      { id: 102, age: 19, gender: 'M', occupation: 'student' },
    ] as const;
    const { model } = trainMcmc(
      { ratings: createRatings(rows), users, items: [] },
      resolveTrainOptions({ kind: 'fm', method: 'mcmc' }),
    );
    const table = getItemTable(model);
    const student = model.catalog.occupations.indexOf('student');
    const ctx = createUserContext(
      model,
      buildUserBlock(model.layout, {
        user: -1,
        ageBucket: ageBucket(19),
        gender: 0,
        occupation: student,
        rated: [],
      }),
    );
    const none = { base: model.params[0] as number, s: new Float64Array(model.k) };
    for (let i = 0; i < table.constant.length; i++) {
      // Nothing observed about this user: scored as a user the model knows nothing of.
      expect(scoreItem(model, ctx, table, i)).toBeCloseTo(scoreItem(model, none, table, i), 9);
    }
  });
});
