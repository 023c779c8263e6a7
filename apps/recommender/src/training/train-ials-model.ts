// Train the `ials` ranking kind end to end: catalog and interactions from the stored ratings, iALS factors,
// the served model, and (when a validation fraction is asked for) HR@10 / NDCG@10 on the carve-out.
import { hitRateAtK, ndcgAtK } from '@suite/shared/ml';
import type { Ratings } from '../data/types.ts';
import { createCatalog, getCatalogIndex } from '../features/catalog.ts';
import type { FmModel } from '../model/fm-model.ts';
import { createIalsModel } from '../model/ials-model.ts';
import { getCatalogUserContext } from '../model/predict.ts';
import { createTopKHeap, topKForContext } from '../model/top-k.ts';
import type { EpochRecord } from './epoch-tracker.ts';
import { targetOf, trainIals, type IalsFactors } from './ials-train.ts';
import { createInteractions, type Interactions } from './interactions.ts';
import { splitValidation, type TrainInput, type TrainResult } from './train-model.ts';
import type { TrainOptions } from './train-options.ts';

/** HR@10 / NDCG@10 of a model on held-out ratings (>= 4 relevant; candidates: items unseen in training). */
export function evaluateTopK(model: FmModel, heldOut: Ratings, k = 10): { hrAt10: number; ndcgAt10: number } {
  const { catalog } = model;
  const index = getCatalogIndex(catalog);
  const relevant = Array.from(catalog.userIds, () => new Set<number>());
  for (let r = 0; r < heldOut.user.length; r++) {
    if ((heldOut.rating[r] as number) < 4) continue;
    const u = index.user.get(heldOut.user[r] as number);
    const i = index.item.get(heldOut.item[r] as number);
    if (u !== undefined && i !== undefined) relevant[u]!.add(i);
  }
  const heap = createTopKHeap(k);
  const ranked = relevant.map((rel, u) => {
    if (rel.size === 0) return [];
    const exclude = catalog.seenItem.subarray(catalog.seenStart[u], catalog.seenStart[u + 1]);
    return topKForContext(model, getCatalogUserContext(model, u), { k, exclude, heap }).map((s) => s.item);
  });
  return { hrAt10: hitRateAtK(ranked, relevant, k), ndcgAt10: ndcgAtK(ranked, relevant, k) };
}

/**
 * Root mean squared distance of the observed pairs' scores from their targets after a sweep: the part of the
 * loss a user can see move (the all-pairs term and the penalty are left out), reported per epoch as trainRmse.
 */
function observedRmse(data: Interactions, f: IalsFactors, settings: { targetSlope: number }): number {
  const k = f.k;
  let sum = 0;
  for (let u = 0; u < data.nUsers; u++) {
    for (let p = data.userStart[u] as number; p < (data.userStart[u + 1] as number); p++) {
      const off = (data.userItem[p] as number) * k;
      let y = 0;
      for (let g = 0; g < k; g++)
        y += (f.userFactors[u * k + g] as number) * (f.itemFactors[off + g] as number);
      const e = y - targetOf(settings, data.userValue[p] as number);
      sum += e * e;
    }
  }
  return Math.sqrt(sum / Math.max(1, data.userItem.length));
}

/** Fit an `ials` model on `input` with resolved options. */
export function trainIalsModel(input: TrainInput, options: TrainOptions): TrainResult {
  const started = performance.now();
  const { train, validation } =
    options.validationFraction > 0
      ? splitValidation(input.ratings, options.validationFraction, options.seed)
      : { train: input.ratings, validation: undefined };
  const catalog = createCatalog(train, input.users, input.items, input.vocab);
  const settings = {
    alpha0: options.alpha0,
    reg: options.reg,
    regExponent: options.regExponent,
    ratingSlope: options.ratingSlope,
    targetSlope: options.targetSlope,
  };
  const interactions = createInteractions(catalog, train);
  const history: EpochRecord[] = [];
  const factors = trainIals(
    interactions,
    {
      ...settings,
      factors: options.k,
      epochs: options.epochs,
      cgSteps: options.cgSteps,
      initStd: options.initStd,
      seed: options.seed,
    },
    (epoch, f) => history.push({ epoch, trainRmse: observedRmse(interactions, f, settings) }),
  );
  const model = createIalsModel(catalog, options.k, factors.userFactors, factors.itemFactors, settings);
  const trainMs = performance.now() - started;
  const result: TrainResult = {
    model,
    options,
    history,
    bestEpoch: options.epochs,
    trainMs,
    trainCount: train.user.length,
  };
  if (validation && validation.user.length > 0) {
    result.rankingValidation = { ...evaluateTopK(model, validation), count: validation.user.length };
  }
  model.meta = {
    trainedAt: new Date().toISOString(),
    options,
    bestEpoch: options.epochs,
    trainCount: train.user.length,
    trainMs: Math.round(trainMs),
    validation: result.rankingValidation ?? null,
  };
  return result;
}
