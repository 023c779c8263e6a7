// POST /api/features: the article's feature function exposed, records in, sparse FM vectors out, laid out
// in the feature space of the served model (or of the stored data when no model is loaded yet).
import { getCatalogIndex, ageBucket, createCatalog, type Catalog } from '../features/catalog.ts';
import {
  buildItemBlock,
  buildUserBlock,
  createFeatureLayout,
  describeFeature,
  type FeatureLayout,
} from '../features/feature-space.ts';
import { loadTrainingData } from '../store/history-repository.ts';
import type { ServiceContext } from './service-context.ts';

export interface FeatureRecord {
  userId: number;
  itemId: number;
  age?: number | null | undefined;
  gender?: 'M' | 'F' | null | undefined;
  occupation?: string | null | undefined;
  /** Items the user rated; defaults to what the model saw in training. */
  rated?: number[] | undefined;
}

export interface FeatureResult {
  modelVersion: string | null;
  size: number;
  vectors: Array<{
    userId: number;
    itemId: number;
    knownUser: boolean;
    knownItem: boolean;
    features: Array<{ index: number; name: string; value: number }>;
  }>;
}

export async function encodeFeatures(ctx: ServiceContext, records: FeatureRecord[]): Promise<FeatureResult> {
  const loaded = await ctx.tryModel();
  let catalog: Catalog;
  if (loaded) catalog = loaded.model.catalog;
  else {
    const data = await loadTrainingData(ctx.db);
    catalog = createCatalog(data.ratings, data.users, data.items);
  }
  // Always the full feature function, whatever model kind is served.
  const layout: FeatureLayout = createFeatureLayout(catalog, { side: true, implicit: true });
  const index = getCatalogIndex(catalog);
  const vectors = records.map((r) => {
    const u = index.user.get(r.userId) ?? -1;
    const i = index.item.get(r.itemId);
    const rated = r.rated
      ? r.rated.map((id) => index.item.get(id)).filter((x): x is number => x !== undefined)
      : u >= 0
        ? Array.from(catalog.seenItem.subarray(catalog.seenStart[u], catalog.seenStart[u + 1]))
        : [];
    const occupation =
      r.occupation ?? (u >= 0 ? catalog.occupations[catalog.userOccupation[u] as number] : undefined);
    const user = buildUserBlock(layout, {
      user: u,
      ageBucket: r.age !== undefined ? ageBucket(r.age) : u >= 0 ? (catalog.userAge[u] as number) : -1,
      gender:
        r.gender !== undefined
          ? r.gender === 'M'
            ? 0
            : r.gender === 'F'
              ? 1
              : -1
          : u >= 0
            ? (catalog.userGender[u] as number)
            : -1,
      occupation: occupation ? catalog.occupations.indexOf(occupation) : -1,
      rated,
    });
    const item =
      i === undefined
        ? { idx: new Int32Array(0), val: new Float64Array(0) }
        : buildItemBlock(layout, catalog, i);
    const features = [
      ...Array.from(user.idx, (j, t) => [j, user.val[t] as number] as const),
      ...Array.from(item.idx, (j, t) => [j, item.val[t] as number] as const),
    ]
      .sort((a, b) => a[0] - b[0])
      .map(([j, v]) => ({
        index: j,
        name: describeFeature(layout, catalog, j),
        value: Number(v.toFixed(6)),
      }));
    return { userId: r.userId, itemId: r.itemId, knownUser: u >= 0, knownItem: i !== undefined, features };
  });
  return { modelVersion: loaded?.version ?? null, size: layout.size, vectors };
}
