// Every ranker the ranking bench compares, each a fit that returns a per-user scorer, with the figures the
// issue measured for it on MovieLens 100K u1..u5 (mean HR@10 / NDCG@10, fit seconds per split).
import { scoreItem } from '../../src/model/fm-model.ts';
import { getCatalogUserContext, getItemTable } from '../../src/model/predict.ts';
import { trainModel } from '../../src/training/train-model.ts';
import { trainIalsModel } from '../../src/training/train-ials-model.ts';
import { resolveTrainOptions, type TrainOptionsInput } from '../../src/training/train-options.ts';
import { scoreItemKnn, trainItemKnn } from '../../src/training/item-knn.ts';
import { evaluateRanking } from '../ranking-metrics.ts';
import type { RankingTask, UserScorer } from '../ranking-eval.ts';
import { scoreBpr, trainBpr } from './bpr.ts';
import { scoreEase, trainEase } from './ease.ts';
import type { MovielensSplit } from '../../src/data/movielens.ts';

export interface Reference {
  hrAt10: number;
  ndcgAt10: number;
  fitS: number | null;
  what: string;
}

/** A fit either yields a scorer for the shared evaluation, or (the FM) evaluates itself. */
export type Fitted = { scorer: UserScorer } | { score: { hr: number; ndcg: number } };

export interface Ranker {
  name: string;
  /** How memory and time grow, for the bench's output and the README. */
  growth: string;
  reference?: Reference;
  fit(task: RankingTask, split: MovielensSplit, seed: number): Fitted;
}

/** The served `ials` kind, trained through the app's own path and scored by its item table. */
function fitServed(split: MovielensSplit, input: TrainOptionsInput): Fitted {
  const { model } = trainIalsModel(
    { ratings: split.train, users: split.users, items: split.items },
    resolveTrainOptions(input),
  );
  const table = getItemTable(model);
  return {
    scorer: (u, out) => {
      const ctx = getCatalogUserContext(model, u);
      for (let i = 0; i < out.length; i++) out[i] = scoreItem(model, ctx, table, i);
    },
  };
}

export const RANKERS: Ranker[] = [
  {
    name: 'most-popular',
    growth: 'memory O(items); fit O(ratings)',
    reference: { hrAt10: 0.688, ndcgAt10: 0.198, fitS: null, what: 'most popular (issue 12)' },
    fit: (task) => ({
      scorer: (_u, out) => {
        for (let i = 0; i < out.length; i++) out[i] = task.catalog.itemCount[i] as number;
      },
    }),
  },
  {
    name: 'fm-prior',
    growth: 'memory O((users + items + side) k); fit O(epochs x ratings x k x features)',
    reference: {
      hrAt10: 0.703,
      ndcgAt10: 0.236,
      fitS: 2.5,
      what: 'this FM with its popularity prior (issue 12)',
    },
    fit: (_task, split, seed) => {
      const { model } = trainModel(
        { ratings: split.train, users: split.users, items: split.items },
        { kind: 'fm', validationFraction: 0, seed },
      );
      return { score: evaluateRanking(model, split.test).model };
    },
  },
  {
    name: 'item-knn',
    growth:
      'memory O(items x 200 neighbours); fit O(sum over users of items rated^2); a user costs rated x 200',
    reference: { hrAt10: 0.796, ndcgAt10: 0.313, fitS: 0.16, what: 'item-kNN cosine k = 200 (issue 12)' },
    fit: (task) => {
      const knn = trainItemKnn(task.data, { neighbours: 200 });
      const d = task.data;
      return { scorer: (u, out) => scoreItemKnn(knn, d.userItem, out, d.userStart[u], d.userStart[u + 1]) };
    },
  },
  {
    name: 'bpr-mf',
    growth: 'memory O((users + items) k); fit O(epochs x ratings x k), 40 epochs',
    reference: {
      hrAt10: 0.844,
      ndcgAt10: 0.356,
      fitS: 23,
      what: 'BPR-MF 64 factors, numpy minibatches (issue 12)',
    },
    fit: (task, _split, seed) => {
      const m = trainBpr(task.data, { seed });
      return { scorer: (u, out) => scoreBpr(m, u, out) };
    },
  },
  {
    name: 'ials-binary',
    growth: 'as ials',
    reference: {
      hrAt10: 0.861,
      ndcgAt10: 0.38,
      fitS: 1.5,
      what: 'iALS 64 factors, straightforward numpy (issue 12)',
    },
    fit: (_task, split, seed) => fitServed(split, { kind: 'ials', seed, ratingSlope: 0 }),
  },
  {
    name: 'ials',
    growth: 'memory O((users + items) k); fit O(sweeps x CG steps x (ratings x k + (users + items) x k^2))',
    reference: { hrAt10: 0.87, ndcgAt10: 0.4, fitS: 2, what: 'issue 12 target for the served ranking model' },
    fit: (_task, split, seed) => fitServed(split, { kind: 'ials', seed }),
  },
  {
    name: 'ease',
    growth:
      'memory O(items^2) dense (80 GB at 100k items); fit O(items^3): a reference, not servable at scale',
    reference: { hrAt10: 0.861, ndcgAt10: 0.385, fitS: 0.4, what: 'EASE^R lambda = 500 (issue 12)' },
    fit: (task) => {
      const d = task.data;
      const b = trainEase(d, 500);
      return {
        scorer: (u, out) =>
          scoreEase(b, d.nItems, d.userItem, d.userStart[u] as number, d.userStart[u + 1] as number, out),
      };
    },
  },
];
