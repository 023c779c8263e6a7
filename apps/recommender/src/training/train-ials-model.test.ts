import { describe, expect, it } from 'vitest';
import { getCatalogIndex } from '../features/catalog.ts';
import { decodeModel, encodeModel } from '../model/artifact.ts';
import { createIalsOverlay, foldInIalsUser } from '../model/ials-model.ts';
import { applyOverlay } from '../model/online-update.ts';
import { getCatalogUserContext } from '../model/predict.ts';
import { topKForContext } from '../model/top-k.ts';
import { createTasteGroupData } from '../testing/taste-groups.ts';
import { createInteractions } from './interactions.ts';
import { trainIalsModel } from './train-ials-model.ts';
import { trainModel } from './train-model.ts';
import { resolveTrainOptions } from './train-options.ts';

const data = createTasteGroupData({ nUsers: 90, nItems: 45, perUser: 10 });
const options = resolveTrainOptions({ kind: 'ials', k: 8, epochs: 6, validationFraction: 0.2, seed: 5 });
const { model, rankingValidation } = trainIalsModel(data, options);
const groupOf = (itemIndex: number) => ((model.catalog.itemIds[itemIndex] as number) - 1) % 3;

describe('ials ranking model', () => {
  it('ranks the unseen items of the user taste group first, well above popularity on the carve-out', () => {
    expect(rankingValidation?.count).toBeGreaterThan(100);
    expect(rankingValidation?.hrAt10).toBeGreaterThan(0.9);
    const u = getCatalogIndex(model.catalog).user.get(4) as number; // group 0
    const exclude = model.catalog.seenItem.subarray(
      model.catalog.seenStart[u],
      model.catalog.seenStart[u + 1],
    );
    const top = topKForContext(model, getCatalogUserContext(model, u), { k: 5, exclude });
    expect(top.map((s) => groupOf(s.item))).toEqual([0, 0, 0, 0, 0]);
    for (const s of top) expect(s.score).toBeGreaterThanOrEqual(0);
  });

  it('repeats exactly for a seed and carries its settings into the artifact (format 2)', () => {
    const again = trainIalsModel(data, options).model;
    expect(Array.from(again.params)).toEqual(Array.from(model.params));
    const back = decodeModel(encodeModel(model));
    expect(back.kind).toBe('ials');
    expect(back.ials).toEqual(model.ials);
    expect(new DataView(encodeModel(model).buffer).getUint32(4, true)).toBe(2);
  });

  it('folds a new user in from their items alone, in closed form, towards their taste group', () => {
    // Items of group 2 only, as a stranger would click them.
    const items = [3, 6, 9, 12].map((id) => getCatalogIndex(model.catalog).item.get(id) as number);
    const p = foldInIalsUser(model, { items, ratings: [5, 5, 4, 4] });
    const ctx = applyOverlay({ base: 0, s: new Float64Array(model.k) }, createIalsOverlay(model, -1, p));
    const top = topKForContext(model, ctx, { k: 5, exclude: items.sort((a, b) => a - b) });
    expect(top.map((s) => groupOf(s.item))).toEqual([2, 2, 2, 2, 2]);
  });

  it('re-solving a known user from their training items gives nearly their trained factors', () => {
    const u = 7;
    const interactions = createInteractions(model.catalog, data.ratings);
    const a = interactions.userStart[u] as number;
    const b = interactions.userStart[u + 1] as number;
    const catalogItems = model.catalog.seenItem.subarray(
      model.catalog.seenStart[u],
      model.catalog.seenStart[u + 1],
    );
    const ratings = Array.from(catalogItems, (i) => {
      for (let p = a; p < b; p++)
        if (interactions.userItem[p] === i) return interactions.userValue[p] as number;
      return 4;
    });
    const p = foldInIalsUser(model, { items: catalogItems, ratings });
    const overlay = createIalsOverlay(model, u, p);
    // The overlay is the change to the trained factors: small, since training ended on a user solve of
    // 3 CG steps against the items' previous factors.
    const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
    expect(norm(overlay.factors)).toBeLessThan(0.5 * norm(p));
    // And the overlaid context scores exactly <p, q_i>.
    const ctx = applyOverlay(getCatalogUserContext(model, u), overlay);
    const top = topKForContext(model, ctx, { k: 1 })[0]!;
    const q = model.params.subarray(1 + model.layout.size + (model.layout.item + top.item) * model.k);
    let dot = 0;
    for (let f = 0; f < model.k; f++) dot += (p[f] as number) * (q[f] as number);
    expect(top.score).toBeCloseTo(Math.min(1, Math.max(0, dot)), 9);
  });

  it('is refused by the SGD trainer, so a caller cannot train it as an MF by mistake', () => {
    expect(() => trainModel(data, { kind: 'ials' })).toThrow(/trainIalsModel/);
  });
});
