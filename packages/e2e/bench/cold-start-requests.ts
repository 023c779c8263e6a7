// Per app: what the cold-start bench asks for. Edit this table when an app's endpoints change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One HTTP request of the bench. */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: () => unknown;
  /** Raw text body (CSV imports) instead of JSON. */
  text?: () => string;
  /** Binary body (a model file), sent as application/octet-stream. */
  bytes?: () => Uint8Array;
  admin?: boolean;
}

/** What the bench does for one app. */
export interface ColdStartPlan {
  /** Run once against a process sharing the state folders, so the timed runs find a published model. */
  setup: BenchRequest[];
  /** The first real prediction, timed from process start (it includes the model load). */
  prediction?: BenchRequest;
  /** Issue 6 targets, ms from process start to the first prediction. */
  targetMs: number;
  /** Instance memory the Bicep gives the app (infra/main.bicep instanceMemoryMB). */
  deployedInstanceMB: number;
}

/** The shared data sets, read in place (SUITE_DATA_DIR overrides, as everywhere in the suite). */
export function dataDir(repoRoot: string): string {
  return process.env.SUITE_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data');
}

/** Reproducible feature rows: `n` points of `dims` values around 0, seeded, with an outlier every 97 rows. */
function featureRows(n: number, dims: number, seed = 42): number[][] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: dims }, () => (i % 97 === 96 ? 8 : 0) + next() * 2 - 1),
  );
}

export function createColdStartPlans(repoRoot: string): Record<string, ColdStartPlan> {
  const data = dataDir(repoRoot);
  return {
    recommender: {
      setup: [
        // MovieLens 100k split 1: 80k ratings in the u.data format (user, item, rating, timestamp; tab-separated).
        {
          method: 'POST',
          path: '/api/ratings/import?format=tsv',
          admin: true,
          text: () => readFileSync(join(data, 'movielens-100k', 'u1.base'), 'utf8'),
        },
        // A short FM run: the bench times loading and serving the artifact, not its accuracy.
        { method: 'POST', path: '/api/train', admin: true, body: () => ({ kind: 'fm', epochs: 3, seed: 1 }) },
      ],
      prediction: { method: 'GET', path: '/api/users/1/recommendations?k=10' },
      targetMs: 300,
      deployedInstanceMB: 512,
    },
    anomaly: {
      setup: [
        {
          method: 'POST',
          path: '/api/models/bench-forest/fit',
          admin: true,
          body: () => ({ rows: featureRows(4096, 8), seed: 7 }),
        },
      ],
      // Scores a handful of vectors with the published forest: the first call loads and decodes the artifact.
      prediction: {
        method: 'POST',
        path: '/api/detect',
        body: () => ({ model: 'bench-forest', rows: featureRows(16, 8, 99) }),
      },
      targetMs: 300,
      deployedInstanceMB: 512,
    },
    inference: {
      // The PyTorch export committed with the app (wine-mlp.onnx, 3 KB); apps/inference/bench/cold-start.ts times a
      // 1 MB model.
      setup: [
        {
          method: 'PUT',
          path: '/api/models/bench-mlp',
          admin: true,
          bytes: () =>
            new Uint8Array(readFileSync(join(repoRoot, 'apps', 'inference', 'models', 'wine-mlp.onnx'))),
        },
      ],
      prediction: {
        method: 'POST',
        path: '/api/models/bench-mlp:predict',
        body: () => ({ instances: featureRows(1, 13, 5) }),
      },
      targetMs: 400,
      deployedInstanceMB: 2048,
    },
    chatbot: {
      setup: [{ method: 'POST', path: '/api/train', admin: true, body: () => ({}) }],
      prediction: {
        method: 'POST',
        path: '/api/chat',
        body: () => ({ message: 'I lost my card, what should I do?' }),
      },
      targetMs: 1000,
      deployedInstanceMB: 2048,
    },
  };
}
