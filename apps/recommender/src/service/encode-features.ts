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

/** Who asks: only an admin may have a stored user's attributes and rated items filled in. */
export interface FeatureAccess {
  /** Fill what a record leaves out from the stored user (side features, rated items). */
  storedUserData: boolean;
}

export interface FeatureResult {
  modelVersion: string | null;
  /** Whether missing attributes were filled from stored users (admin callers only). */
  storedUserData: boolean;
  size: number;
  vectors: Array<{
    userId: number;
    itemId: number;
    knownUser: boolean;
    knownItem: boolean;
    features: Array<{ index: number; name: string; value: number }>;
  }>;
}

/**
 * Without `storedUserData`, a record is encoded from what it carries alone: a stored user's age, gender,
 * occupation and rated items are personal data and never leave the store for an anonymous caller.
 */
export async function encodeFeatures(
  ctx: ServiceContext,
  records: FeatureRecord[],
  access: FeatureAccess,
): Promise<FeatureResult> {
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
    // The index of the stored user whose data may fill the gaps; -1 when there is none or it is not allowed.
    const s = access.storedUserData ? u : -1;
    const i = index.item.get(r.itemId);
    const rated = r.rated
      ? r.rated.map((id) => index.item.get(id)).filter((x): x is number => x !== undefined)
      : s >= 0
        ? Array.from(catalog.seenItem.subarray(catalog.seenStart[s], catalog.seenStart[s + 1]))
        : [];
    const occupation =
      r.occupation ?? (s >= 0 ? catalog.occupations[catalog.userOccupation[s] as number] : undefined);
    const user = buildUserBlock(layout, {
      user: u,
      ageBucket: r.age !== undefined ? ageBucket(r.age) : s >= 0 ? (catalog.userAge[s] as number) : -1,
      gender:
        r.gender !== undefined
          ? r.gender === 'M'
            ? 0
            : r.gender === 'F'
              ? 1
              : -1
          : s >= 0
            ? (catalog.userGender[s] as number)
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
  return {
    modelVersion: loaded?.version ?? null,
    storedUserData: access.storedUserData,
    size: layout.size,
    vectors,
  };
}
