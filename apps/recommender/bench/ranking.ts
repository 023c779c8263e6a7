// Ranking quality: HR@10 and NDCG@10 per model (test ratings >= 4 relevant, ranked among all items the user
// did not rate in training), beside a popularity baseline computed here from the same training data.
import { hitRateAtK, ndcgAtK } from '@suite/shared/ml';
import { getCatalogIndex } from '../src/features/catalog.ts';
import { MODEL_KINDS } from '../src/model/fm-model.ts';
import { getCatalogUserContext } from '../src/model/predict.ts';
import { createTopKHeap, topKForContext } from '../src/model/top-k.ts';
import { trainModel } from '../src/training/train-model.ts';
import { emit, loadSplits, machineNote, mean, parseBenchArgs } from './bench-args.ts';

const K = 10;
const args = parseBenchArgs();
const splits = loadSplits(args);
const scores: Record<string, { hr: number[]; ndcg: number[] }> = {};
const add = (name: string, hr: number, ndcg: number) => {
  scores[name] ??= { hr: [], ndcg: [] };
  scores[name].hr.push(hr);
  scores[name].ndcg.push(ndcg);
};

for (const split of splits) {
  for (const kind of MODEL_KINDS) {
    const { model } = trainModel({ ratings: split.train, users: split.users, items: split.items }, { kind, validationFraction: 0 });
    const { catalog } = model;
    const index = getCatalogIndex(catalog);
    const relevant = Array.from(catalog.userIds, () => new Set<number>());
    for (let r = 0; r < split.test.user.length; r++) {
      if ((split.test.rating[r] as number) < 4) continue;
      const u = index.user.get(split.test.user[r] as number);
      const i = index.item.get(split.test.item[r] as number);
      if (u !== undefined && i !== undefined) relevant[u]!.add(i);
    }
    const heap = createTopKHeap(K);
    const seen = (u: number) => catalog.seenItem.subarray(catalog.seenStart[u], catalog.seenStart[u + 1]);
    const ranked = Array.from(catalog.userIds, (_, u) =>
      topKForContext(model, getCatalogUserContext(model, u), { k: K, exclude: seen(u), heap }).map((s) => s.item),
    );
    add(kind, hitRateAtK(ranked, relevant, K), ndcgAtK(ranked, relevant, K));
    if (kind === 'fm') {
      // Popularity: most-rated training items the user has not rated yet.
      const byCount = Array.from(catalog.itemIds, (_, i) => i).sort((a, b) => (catalog.itemCount[b] as number) - (catalog.itemCount[a] as number) || a - b);
      const pop = Array.from(catalog.userIds, (_, u) => {
        const s = new Set(seen(u));
        const out: number[] = [];
        for (const i of byCount) if (!s.has(i) && out.push(i) >= K) break;
        return out;
      });
      add('popularity', hitRateAtK(pop, relevant, K), ndcgAtK(pop, relevant, K));
    }
  }
}
for (const [model, s] of Object.entries(scores)) {
  emit({
    bench: 'ranking', model, splits: args.splits.join(','), hrAt10: mean(s.hr), ndcgAt10: mean(s.ndcg),
    relevant: 'test rating >= 4', candidates: 'all items unrated in training',
    reference: model === 'popularity' ? 'baseline' : { popularityFromThisRun: true }, ...machineNote(),
  });
}
