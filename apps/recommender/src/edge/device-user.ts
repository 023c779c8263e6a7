// A user who keeps their ratings on the device: the page folds each rating into the user's factors and ranks
// there, with the same functions the server uses for a user it does not know (user-view.ts, top-k.ts), on the
// public model (public-model.ts). Nothing here reads or writes the network.
import { getCatalogIndex } from '../features/catalog.ts';
import type { FmModel } from '../model/fm-model.ts';
import type { UserOverlay } from '../model/online-update.ts';
import { rankForServing } from '../model/top-k.ts';
import { nextOverlay, tryGetServingContext, type UserView } from '../service/user-view.ts';

export interface DeviceRating {
  itemId: number;
  rating: number;
}

/** Everything the device keeps: ratings oldest first (one per item, the last one given) and the overlay. */
export interface DeviceUser {
  ratings: DeviceRating[];
  overlay: UserOverlay | undefined;
}

export const createDeviceUser = (): DeviceUser => ({ ratings: [], overlay: undefined });

/** How serving would see this user: unknown to the model, no profile, ratings newest first. */
function viewOf(model: FmModel, user: DeviceUser): UserView {
  const index = getCatalogIndex(model.catalog);
  const ratings: UserView['ratings'] = [];
  for (let r = user.ratings.length - 1; r >= 0; r--) {
    const { itemId, rating } = user.ratings[r] as DeviceRating;
    const item = index.item.get(itemId);
    if (item !== undefined) ratings.push({ item, rating });
  }
  return {
    facts: { user: -1, ageBucket: -1, gender: -1, occupation: -1, rated: ratings.map((r) => r.item) },
    ratings,
    overlay: user.overlay,
    known: false,
    hasProfile: false,
  };
}

/** The user after rating `itemId`: as the server's event path, an item the model lacks is kept but learns nothing. */
export function rateOnDevice(model: FmModel, user: DeviceUser, itemId: number, rating: number): DeviceUser {
  const ratings = [...user.ratings.filter((r) => r.itemId !== itemId), { itemId, rating }];
  if (getCatalogIndex(model.catalog).item.get(itemId) === undefined)
    return { ratings, overlay: user.overlay };
  const next = { ratings, overlay: user.overlay };
  return { ratings, overlay: nextOverlay(model, viewOf(model, next), 'rating') ?? user.overlay };
}

/** Top-`k` for the device user, rated items left out: the list the server gives such a user. */
export function recommendOnDevice(
  model: FmModel,
  user: DeviceUser,
  k: number,
): { source: 'cold-start' | 'popularity'; items: ReturnType<typeof rankForServing>['items'] } {
  const view = viewOf(model, user);
  const ranked = rankForServing(model, tryGetServingContext(model, view), k, view.facts.rated as number[]);
  return { source: ranked.fromModel ? 'cold-start' : 'popularity', items: ranked.items };
}
