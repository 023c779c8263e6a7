// Incremental learning: train on the earliest 90% of ratings by time, stream the next 5% through the online
// update, and compare RMSE on the last 5% for the static model, the online-updated one and a full retrain.
import { resolve } from 'node:path';
import { rmse } from '@suite/shared/ml';
import { readItemsFile, readRatingsFile, readUsersFile } from '../src/data/movielens.ts';
import { selectRatings } from '../src/data/types.ts';
import { getCatalogIndex } from '../src/features/catalog.ts';
import { getCatalogUserFacts, type UserFacts } from '../src/features/feature-space.ts';
import { clipRating, scoreItem } from '../src/model/fm-model.ts';
import { foldInRatings, getUserContext, type UserOverlay } from '../src/model/online-update.ts';
import { getItemTable, predictRatings } from '../src/model/predict.ts';
import { trainModel } from '../src/training/train-model.ts';
import { emit, machineNote, parseBenchArgs } from './bench-args.ts';

const { dataDir } = parseBenchArgs();
const all = readRatingsFile(resolve(dataDir, 'u.data'));
const users = readUsersFile(resolve(dataDir, 'u.user'));
const items = readItemsFile(resolve(dataDir, 'u.item'));
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
const facts = new Map<number, UserFacts>();
const history = new Map<number, Array<{ item: number; rating: number }>>();
const overlays = new Map<number, UserOverlay>();
const factsOf = (u: number): UserFacts => {
  let f = facts.get(u);
  if (!f)
    facts.set(
      u,
      (f = {
        ...getCatalogUserFacts(model.catalog, u),
        rated: Array.from(getCatalogUserFacts(model.catalog, u).rated),
      }),
    );
  return f;
};
const predict = (u: number, i: number) =>
  clipRating(model, scoreItem(model, getUserContext(model, factsOf(u), overlays.get(u)), table, i));

const prequential: number[] = [];
const actual: number[] = [];
let updateMs = 0;
for (let r = 0; r < stream.user.length; r++) {
  const u = index.user.get(stream.user[r] as number) as number;
  const i = index.item.get(stream.item[r] as number) as number;
  const rating = stream.rating[r] as number;
  prequential.push(predict(u, i));
  actual.push(rating);
  const t = performance.now();
  const f = factsOf(u);
  (f.rated as number[]).push(i);
  const h = history.get(u) ?? [];
  h.push({ item: i, rating });
  history.set(u, h);
  overlays.set(u, foldInRatings(model, f, h.slice(-50), overlays.get(u)));
  updateMs += performance.now() - t;
}
const onlinePred = Array.from(tail.user, (uid, r) =>
  predict(index.user.get(uid) as number, index.item.get(tail.item[r] as number) as number),
);
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
  trainedOn: cut1,
  streamed: stream.user.length,
  evaluatedOn: tail.user.length,
  staticRmse,
  onlineRmse,
  fullRetrainRmse: retrainRmse,
  prequentialStreamRmse: rmse(prequential, actual),
  onlineUpdateMsPerEvent: updateMs / stream.user.length,
  fullRetrainMs: retrainMs,
  reference: 'fullRetrainRmse (same FM defaults on the first 95%)',
  ...machineNote(),
});
