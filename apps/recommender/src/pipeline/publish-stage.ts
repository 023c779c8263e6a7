// Publish: the state after the last chunk becomes an 'mf' artifact in the model store (served at once), and the
// run ends with its held-out RMSE. A repeat after the run ended does nothing.
import { createFeatureLayout } from '../features/feature-space.ts';
import type { Catalog } from '../features/catalog.ts';
import { encodeModel } from '../model/artifact.ts';
import { getFeatureFlags, type FmModel } from '../model/fm-model.ts';
import { finishRun, getRun, stageDetails, tryRecordChunk } from '../store/pipeline-repository.ts';
import type { StageMessage } from './pipeline-storage.ts';
import type { RunOptions, StageContext } from './stage-context.ts';
import { loadState } from './train-stages.ts';
import type { StreamMfState } from './stream-mf.ts';
import { fitMethodOf } from '../training/fit-method.ts';

/** The trained state as the app's model (biased MF is the FM over user and item one-hots). */
export function toFmModel(state: StreamMfState, meta: Record<string, unknown>): FmModel {
  const nU = state.userIds.length;
  const nI = state.itemIds.length;
  const catalog: Catalog = {
    userIds: state.userIds,
    itemIds: state.itemIds,
    userAge: new Int8Array(nU).fill(-1),
    userGender: new Int8Array(nU).fill(-1),
    userOccupation: new Int16Array(nU).fill(-1),
    itemGenreStart: new Int32Array(nI + 1),
    itemGenre: new Int16Array(0),
    // Who rated what stays in the ratings table (storeRatings); the artifact carries no per-user history.
    seenStart: new Int32Array(nU + 1),
    seenItem: new Int32Array(0),
    itemCount: state.itemCount,
    genres: [],
    occupations: [],
  };
  return {
    kind: 'mf',
    k: state.k,
    catalog,
    layout: createFeatureLayout(catalog, getFeatureFlags('mf')),
    params: state.params,
    minRating: 1,
    maxRating: 5,
    rankingPrior: 0,
    meta,
  };
}

/** Held-out RMSE of a run from the evaluate stage's sums. */
export async function heldOutRmse(
  ctx: StageContext,
  run: string,
): Promise<{ rmse: number | null; n: number }> {
  const details = await stageDetails(ctx.db, run);
  const evaluate = details.find((d) => d.stage === 'evaluate');
  let sse = 0;
  let n = 0;
  for (const extra of evaluate?.extra ?? []) {
    sse += extra.sse ?? 0;
    n += extra.n ?? 0;
  }
  return { rmse: n > 0 ? Math.sqrt(sse / n) : null, n };
}

export async function runPublish(ctx: StageContext, m: StageMessage, attempts: number): Promise<void> {
  const started = performance.now();
  const run = await getRun(ctx.db, m.run);
  if (!run || run.state !== 'running' || run.chunks === null) return;
  if (run.chunks === 0) {
    await finishRun(ctx.db, m.run, { state: 'failed', error: 'the file has no rating rows' });
    return;
  }
  const options = run.options as RunOptions;
  const state = await loadState(ctx, m.run, run.chunks - 1, options.k);
  if (state.ratingCount === 0) {
    // Publishing would serve a model that knows no user or item in place of the one served now.
    await finishRun(ctx.db, m.run, {
      state: 'failed',
      error:
        "no rating row passed cleaning, so nothing was trained or published (see the clean stage's rejectedReasons)",
    });
    return;
  }
  const { rmse, n } = await heldOutRmse(ctx, m.run);
  let version: string | null = null;
  if (options.publish) {
    const model = toFmModel(state, { pipelineRun: m.run, heldOutRmse: rmse });
    const manifest = await ctx.store().publish(ctx.modelName, encodeModel(model), {
      metadata: {
        kind: 'mf',
        method: fitMethodOf({ kind: 'mf', optimizer: options.optimizer }),
        k: state.k,
        trainCount: state.ratingCount,
        validation: rmse === null ? null : { rmse, n },
        pipelineRun: m.run,
      },
    });
    version = manifest.version;
  }
  await ctx.db.transaction(async (tx) => {
    const first = await tryRecordChunk(tx, m.run, 'publish', 0, {
      rowsIn: state.ratingCount,
      rejected: 0,
      reasons: {},
      examples: [],
      written: version ? 1 : 0,
      extra: { users: state.userIds.length, items: state.itemIds.length, params: state.params.length },
      attempts,
      durationMs: performance.now() - started,
    });
    if (first) await finishRun(tx, m.run, { state: 'succeeded', modelVersion: version });
  });
  ctx.log(
    `pipeline ${m.run}: published ${version ?? '(not published)'}, held-out RMSE ${rmse?.toFixed(4) ?? 'n/a'}`,
  );
}
