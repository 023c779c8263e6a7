// Incremental learning: train on the earliest 90% of ratings by time, stream the next 5% through the online
// update, and compare RMSE on the last 5% for the static model, the online-updated one and a full retrain.
// Usage: tsx bench/incremental.ts [<ratings file in u.data format> | <dir with u.data>] [--users=] [--items=]
import { rmse } from '@suite/shared/ml';
import { readRatingsFile } from '../src/data/movielens.ts';
import { selectRatings } from '../src/data/types.ts';
import { getCatalogIndex } from '../src/features/catalog.ts';
import { getCatalogUserFacts, type UserFacts } from '../src/features/feature-space.ts';
import { clipRating, scoreItem } from '../src/model/fm-model.ts';
import { foldInRatings, getUserContext, type UserOverlay } from '../src/model/online-update.ts';
import { getItemTable, predictRatings } from '../src/model/predict.ts';
import { trainModel } from '../src/training/train-model.ts';
import { emit, loadProfiles, machineNote, parseRatingsFileArgs } from './bench-args.ts';
import { describeData } from './datasets.ts';

const args = parseRatingsFileArgs();
const all = readRatingsFile(args.ratings);
const { users, items } = loadProfiles(args);
const byTime = Array.from(all.time.keys()).sort(
  (a, b) => (all.time[a] as number) - (all.time[b] as number) || a - b,
);
const n = byTime.length;
const cut1 = Math.floor(n * 0.9);
const cut2 = Math.floor(n * 0.95);
const head = selectRatings(all, byTime.slice(0, cut1));
const stream = selectRatings(all, byTime.slice(cut1, cut2));
const tail = selectRatings(all, byTime.slice(cut2));

const { model } = trainModel({ ratings: head, users, items }, { kind: 'fm', validationFraction: 0 });
const staticRmse = rmse(predictRatings(model, tail), tail.rating);

const index = getCatalogIndex(model.catalog);
const table = getItemTable(model);
// Keyed by raw user id: on other data the stream holds users and items the model has not seen. A new user
// starts from no facts (as serving sees them); an unknown item is scored from the user's terms alone and
// not folded in (the service skips it too: "item not in the model yet").
const facts = new Map<number, UserFacts>();
const history = new Map<number, Array<{ item: number; rating: number }>>();
const overlays = new Map<number, UserOverlay>();
const factsOf = (uid: number): UserFacts => {
  let f = facts.get(uid);
  if (!f) {
    const u = index.user.get(uid);
    const base =
      u === undefined
        ? { user: -1, ageBucket: -1, gender: -1, occupation: -1, rated: [] }
        : getCatalogUserFacts(model.catalog, u);
    facts.set(uid, (f = { ...base, rated: Array.from(base.rated) }));
  }
  return f;
};
const predict = (uid: number, itemId: number) => {
  const context = getUserContext(model, factsOf(uid), overlays.get(uid));
  const i = index.item.get(itemId);
  return clipRating(model, i === undefined ? context.base : scoreItem(model, context, table, i));
};

const prequential: number[] = [];
const actual: number[] = [];
let updateMs = 0;
let skipped = 0;
for (let r = 0; r < stream.user.length; r++) {
  const uid = stream.user[r] as number;
  const rating = stream.rating[r] as number;
  prequential.push(predict(uid, stream.item[r] as number));
  actual.push(rating);
  const i = index.item.get(stream.item[r] as number);
  if (i === undefined) {
    skipped++;
    continue;
  }
  const t = performance.now();
  const f = factsOf(uid);
  (f.rated as number[]).push(i);
  const h = history.get(uid) ?? [];
  h.push({ item: i, rating });
  history.set(uid, h);
  overlays.set(uid, foldInRatings(model, f, h.slice(-50), overlays.get(uid)));
  updateMs += performance.now() - t;
}
const onlinePred = Array.from(tail.user, (uid, r) => predict(uid, tail.item[r] as number));
const onlineRmse = rmse(onlinePred, tail.rating);

const t = performance.now();
const retrain = trainModel(
  { ratings: selectRatings(all, byTime.slice(0, cut2)), users, items },
  { kind: 'fm', validationFraction: 0 },
);
const retrainMs = performance.now() - t;
const retrainRmse = rmse(predictRatings(retrain.model, tail), tail.rating);

emit({
  bench: 'incremental',
  data: describeData([args.ratings]),
  trainedOn: cut1,
  streamed: stream.user.length,
  evaluatedOn: tail.user.length,
  staticRmse,
  onlineRmse,
  fullRetrainRmse: retrainRmse,
  prequentialStreamRmse: rmse(prequential, actual),
  streamedItemsUnknownToModel: skipped,
  onlineUpdateMsPerEvent: updateMs / Math.max(1, stream.user.length - skipped),
  fullRetrainMs: retrainMs,
  reference: 'fullRetrainRmse (same FM defaults on the first 95%)',
  ...machineNote(),
});
