// The served model as a device may hold it: every item-side parameter, and nothing about any user. The catalog
// keeps items, genres and per-item rating counts (aggregates); the user one-hots, their parameters, their side
// facts and who rated what are dropped, and the feature layout closes up over the removed user block.
import type { Catalog } from '../features/catalog.ts';
import { createFeatureLayout } from '../features/feature-space.ts';
import type { FmModel } from '../model/fm-model.ts';

/** Facts the device needs beside the parameters: the version it came from and item titles for display. */
export interface PublicModelMeta {
  version: string;
  titles: Record<string, string>;
}

/** A copy of `model` without user rows; scoring any user the model does not know gives the same numbers. */
export function withoutUsers(model: FmModel, meta: PublicModelMeta): FmModel {
  const { catalog, layout, k } = model;
  const nU = catalog.userIds.length;
  const publicCatalog: Catalog = {
    ...catalog,
    userIds: new Int32Array(0),
    userAge: new Int8Array(0),
    userGender: new Int8Array(0),
    userOccupation: new Int16Array(0),
    seenStart: new Int32Array(1),
    seenItem: new Int32Array(0),
  };
  const publicLayout = createFeatureLayout(publicCatalog, layout.flags);
  const size = publicLayout.size;
  if (size !== layout.size - nU) throw new Error('the user block is not at the start of the layout');
  const params = new Float64Array(1 + size * (1 + k));
  params[0] = model.params[0] as number;
  // Users come first in the layout (user = 0), so every other feature moves down by nU.
  params.set(model.params.subarray(1 + nU, 1 + layout.size), 1);
  params.set(model.params.subarray(1 + layout.size + nU * k), 1 + size);
  return {
    ...model,
    catalog: publicCatalog,
    layout: publicLayout,
    params,
    meta: { edge: meta },
  };
}

/** The public facts carried by a model from withoutUsers, or undefined for any other model. */
export function getPublicModelMeta(model: FmModel): PublicModelMeta | undefined {
  const edge = (model.meta as { edge?: PublicModelMeta }).edge;
  return edge && typeof edge.version === 'string' ? edge : undefined;
}
