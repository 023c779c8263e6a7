// Bayesian FM by Gibbs sampling (MCMC) on MovieLens: test RMSE per split and mean, and fit time per split (CPU
// and wall, with the load), beside libFM's MCMC figure on u1..u5. Trains on the whole <split>.base with the
// app's `method: "mcmc"` defaults (or --options on top of them), split uN with seed 42 + N - 1, and reports:
// served = the artifact the app publishes (the blend of the kept Rao-Blackwellised samples); chain = the mean of
// every post-burn-in sweep's predictions (what libFM reports, not storable as one FM); drawBlend = the blend of
// plain draws at the same sweeps; meanParams = one FM with the sample-averaged parameters.
// Usage: tsx bench/mcmc-accuracy.ts [dataDir] [split ...] [--options=json] [--variant=all|none|side|implicit]
import { mae, rmse } from '@suite/shared/ml';
import { createFeatureLayout, type FeatureFlags } from '../src/features/feature-space.ts';
import { getCatalogIndex } from '../src/features/catalog.ts';
import { clipRating, scoreItem, type FmModel } from '../src/model/fm-model.ts';
import { getCatalogUserContext, getItemTable } from '../src/model/predict.ts';
import { blendModels } from '../src/training/blend-models.ts';
import { createModelFor } from '../src/training/train-model.ts';
import { resolveTrainOptions } from '../src/training/train-options.ts';
import { MCMC_DEFAULTS } from '../src/training/mcmc-options.ts';
import { createTrainingSet } from '../src/training/training-set.ts';
import { sampleFm } from '../src/training/sample-fm.ts';
import type { Ratings } from '../src/data/types.ts';
import { emit, loadSplits, machineNote, mean, parseBenchArgs } from './bench-args.ts';
import { describeData, isMovielensFiveFold } from './datasets.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const D = MCMC_DEFAULTS.fm;
const opts = {
  k: D.k,
  iterations: D.epochs,
  burnIn: D.burnIn,
  keep: D.samples,
  initStd: D.initStd,
  seed: 42,
  raoBlackwell: true,
  diagnostics: true,
  ...(JSON.parse(arg('options') ?? '{}') as Record<string, number | boolean>),
};
const VARIANTS: Record<string, FeatureFlags> = {
  none: { side: false, implicit: false },
  side: { side: true, implicit: false },
  implicit: { side: false, implicit: true },
  all: { side: true, implicit: true },
};
const variant = arg('variant') ?? 'all';
const flags = VARIANTS[variant];
if (!flags) throw new Error(`--variant must be one of ${Object.keys(VARIANTS).join(', ')}`);
const trace = process.argv.includes('--trace');

/** Unclipped predictions (so samples average before the clip, as one blended FM would). */
function rawPredict(model: FmModel, pairs: Ratings): Float64Array {
  const index = getCatalogIndex(model.catalog);
  const table = getItemTable(model);
  const out = new Float64Array(pairs.user.length);
  const ctx = new Map<number, ReturnType<typeof getCatalogUserContext>>();
  for (let r = 0; r < out.length; r++) {
    const u = index.user.get(pairs.user[r] as number) as number;
    let c = ctx.get(u);
    if (!c) ctx.set(u, (c = getCatalogUserContext(model, u)));
    const i = index.item.get(pairs.item[r] as number);
    out[r] = i === undefined ? c.base : scoreItem(model, c, table, i);
  }
  return out;
}
const clipped = (model: FmModel, raw: Float64Array) => raw.map((y) => clipRating(model, y));

const args = parseBenchArgs();
const rows = loadSplits(args).map((s, si) => {
  const options = resolveTrainOptions({ kind: 'fm', k: opts.k, validationFraction: 0, seed: opts.seed });
  const { catalog, model: base } = createModelFor(
    { ratings: s.train, users: s.users, items: s.items },
    s.train,
    options,
  );
  const layout = createFeatureLayout(catalog, flags);
  const model: FmModel = { ...base, layout, params: new Float64Array(1 + layout.size * (1 + opts.k)) };
  const set = createTrainingSet(layout, catalog, s.train);
  const chainSum = new Float64Array(s.test.user.length);
  let chainN = 0;
  let cbCpu = 0;
  let cbWall = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const res = sampleFm(model, set, { ...opts, seed: opts.seed + si }, (it, params) => {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const raw = rawPredict({ ...model, params }, s.test);
    if (it > opts.burnIn) {
      chainN++;
      for (let r = 0; r < raw.length; r++) chainSum[r]! += raw[r] as number;
    }
    if (trace && (it % 10 === 0 || it <= 3)) {
      const avg = chainN > 0 ? chainSum.map((x) => x / chainN) : raw;
      console.error(
        JSON.stringify({
          split: s.name,
          it,
          sampleRmse: rmse(clipped(model, raw), s.test.rating),
          chainRmse: rmse(clipped(model, avg), s.test.rating),
        }),
      );
    }
    const c = process.cpuUsage(c0);
    cbCpu += (c.user + c.system) / 1000;
    cbWall += performance.now() - w0;
  });
  const c = process.cpuUsage(cpu0);
  const fitCpuMs = (c.user + c.system) / 1000 - cbCpu;
  const fitWallMs = performance.now() - t0 - cbWall;
  const chain = clipped(
    model,
    chainSum.map((x) => x / chainN),
  );
  const meanModel: FmModel = { ...model, params: res.meanParams as Float64Array };
  const blend = blendModels(res.samples.map((params) => ({ ...model, params })));
  const drawBlend = blendModels(res.draws.map((params) => ({ ...model, params })));
  const drawPred = clipped(drawBlend, rawPredict(drawBlend, s.test));
  const meanPred = clipped(meanModel, rawPredict(meanModel, s.test));
  const blendPred = clipped(blend, rawPredict(blend, s.test));
  const out = {
    split: s.name,
    chainRmse: rmse(chain, s.test.rating),
    chainMae: mae(chain, s.test.rating),
    meanParamsRmse: rmse(meanPred, s.test.rating),
    servedRmse: rmse(blendPred, s.test.rating),
    servedMae: mae(blendPred, s.test.rating),
    drawBlendRmse: rmse(drawPred, s.test.rating),
    servedFactors: blend.k,
    fitWallMs,
    fitCpuMs,
    finalTrainRmse: res.trainRmse.at(-1),
  };
  emit({ bench: 'mcmc-split', variant, options: opts, ...out, ...machineNote() });
  return out;
});
// Recognised by content (datasets.ts): a copy of u1..u5 elsewhere counts, another file named u1.base does not.
const onU1toU5 = isMovielensFiveFold(args.files);
emit({
  bench: 'mcmc-rating-accuracy',
  variant,
  options: opts,
  splits: args.splits.join(','),
  data: describeData(args.files.flatMap((f) => [f.train, f.test])),
  servedRmse: mean(rows.map((r) => r.servedRmse)),
  servedMae: mean(rows.map((r) => r.servedMae)),
  chainRmse: mean(rows.map((r) => r.chainRmse)),
  drawBlendRmse: mean(rows.map((r) => r.drawBlendRmse)),
  meanParamsRmse: mean(rows.map((r) => r.meanParamsRmse)),
  perSplitServedRmse: rows.map((r) => Number(r.servedRmse.toFixed(4))),
  perSplitChainRmse: rows.map((r) => Number(r.chainRmse.toFixed(4))),
  perSplitMeanParamsRmse: rows.map((r) => Number(r.meanParamsRmse.toFixed(4))),
  servedFactors: rows[0]?.servedFactors,
  fitCpuMsPerSplit: mean(rows.map((r) => r.fitCpuMs)),
  maxFitCpuMs: Math.max(...rows.map((r) => r.fitCpuMs)),
  fitWallMsPerSplit: mean(rows.map((r) => r.fitWallMs)),
  maxFitWallMs: Math.max(...rows.map((r) => r.fitWallMs)),
  ...(onU1toU5
    ? {
        reference: {
          libfmMcmcImplicitGenre: 0.8905,
          libfmSecondsPerSplit: 130,
          appSgdFm: 0.8996,
          target: 0.89,
          targetSecondsPerSplit: 5,
        },
      }
    : {}),
  ...machineNote(),
});
