// The bytes GET /api/edge/model serves: the served model without user rows, with item titles, encoded once per
// model version.
import type { Queryable } from '@suite/shared/db';
import { withoutUsers } from '../edge/public-model.ts';
import { encodeModel } from '../model/artifact.ts';
import type { FmModel } from '../model/fm-model.ts';
import { getItemTitles } from '../store/item-repository.ts';

export interface PublicArtifact {
  version: string;
  bytes: Uint8Array;
}

export async function encodePublicModel(
  db: Queryable,
  model: FmModel,
  version: string,
): Promise<PublicArtifact> {
  const titles = await getItemTitles(db, Array.from(model.catalog.itemIds));
  const named: Record<string, string> = {};
  for (const [id, title] of titles) if (title) named[String(id)] = title;
  return { version, bytes: encodeModel(withoutUsers(model, { version, titles: named })) };
}
