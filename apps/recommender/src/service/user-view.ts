// How the served model sees one user right now: catalog facts plus ratings and clicks stored since training,
// side features for users the model has never seen, and the online overlay learned from their events.
import type { Queryable } from '@suite/shared/db';
import type { StateStore } from '@suite/shared/state';
import { ageBucket, getCatalogIndex } from '../features/catalog.ts';
import { getCatalogUserFacts, type UserFacts } from '../features/feature-space.ts';
import type { FmModel, UserContext } from '../model/fm-model.ts';
import {
  CLICK_AS_RATING,
  createIalsOverlay,
  foldInIalsUser,
  type ImplicitHistory,
} from '../model/ials-model.ts';
import { DEFAULT_ONLINE, foldInRatings, getUserContext, type UserOverlay } from '../model/online-update.ts';
import { loadUserHistory } from '../store/history-repository.ts';

/** Persisted overlay; only valid for the model version it was learned on. */
export interface StoredOverlay {
  version: string;
  bias: number;
  factors: number[];
}

export interface UserView {
  facts: UserFacts;
  /** Ratings as (dense item, rating), newest first; items unknown to the model are dropped. */
  ratings: Array<{ item: number; rating: number }>;
  overlay: UserOverlay | undefined;
  /** The user has a one-hot in the model. */
  known: boolean;
  /** Any side feature known. */
  hasProfile: boolean;
}

export const overlayKey = (userId: number): string => `user:${userId}`;

export async function getUserView(
  db: Queryable,
  overlays: StateStore<StoredOverlay>,
  model: FmModel,
  version: string,
  userId: number,
): Promise<UserView> {
  const stored = (await overlays.get(overlayKey(userId)))?.value;
  return loadUserView(db, model, version, userId, stored);
}

/**
 * The view with a given stored overlay: the event fold-in reads the overlay inside its compare-and-swap and
 * must see the history as it stands after that read (see record-event.ts).
 */
export async function loadUserView(
  db: Queryable,
  model: FmModel,
  version: string,
  userId: number,
  stored: StoredOverlay | undefined,
): Promise<UserView> {
  const { catalog } = model;
  const index = getCatalogIndex(catalog);
  const u = index.user.get(userId) ?? -1;
  const history = await loadUserHistory(db, userId);
  const base: UserFacts =
    u >= 0
      ? getCatalogUserFacts(catalog, u)
      : { user: -1, ageBucket: -1, gender: -1, occupation: -1, rated: [] };
  const facts: UserFacts = { ...base, rated: Array.from(base.rated) };
  const p = history.profile;
  if (p) {
    // The stored profile is newer than the catalog's copy, and the only one for a new user.
    facts.ageBucket = ageBucket(p.age);
    facts.gender = p.gender === 'M' ? 0 : p.gender === 'F' ? 1 : -1;
    facts.occupation = p.occupation === null ? -1 : catalog.occupations.indexOf(p.occupation);
  }
  const rated = new Set<number>(facts.rated as number[]);
  const ratings: UserView['ratings'] = [];
  for (const r of history.ratings) {
    const i = index.item.get(r.item);
    if (i === undefined) continue;
    ratings.push({ item: i, rating: r.rating });
    rated.add(i);
  }
  for (const c of history.clicks) {
    const i = index.item.get(c);
    if (i !== undefined) rated.add(i);
  }
  facts.rated = [...rated];
  const overlay =
    stored && stored.version === version && stored.factors.length === model.k
      ? { bias: stored.bias, factors: Float64Array.from(stored.factors) }
      : undefined;
  return {
    facts,
    ratings,
    overlay,
    known: u >= 0,
    hasProfile: facts.ageBucket >= 0 || facts.gender >= 0 || facts.occupation >= 0,
  };
}

/** Everything the user rated or clicked, for an iALS fold-in: stored ratings, and clicks as CLICK_AS_RATING. */
export function getImplicitHistory(view: UserView): ImplicitHistory {
  const rating = new Map<number, number>();
  for (const r of view.ratings) if (!rating.has(r.item)) rating.set(r.item, r.rating);
  const items = Int32Array.from(view.facts.rated);
  return { items, ratings: Float64Array.from(items, (i) => rating.get(i) ?? CLICK_AS_RATING) };
}

/**
 * The scoring context of a user as serving sees them, or undefined when the model has nothing to go on (then
 * the answer is popularity). An `ials` model scores from factors alone: a user without trained factors and
 * without an overlay yet (e.g. ratings imported since training) is folded in here from their history, and
 * one who has rated or clicked nothing gets popularity.
 */
export function tryGetServingContext(model: FmModel, view: UserView): UserContext | undefined {
  if (model.kind !== 'ials') {
    if (!view.known && view.facts.rated.length === 0 && !view.hasProfile && !view.overlay) return undefined;
    return getUserContext(model, view.facts, view.overlay);
  }
  if (view.overlay) return getUserContext(model, view.facts, view.overlay);
  // Nothing rated or clicked: factors of zero would rank by item index, so the answer is popularity.
  if (view.facts.rated.length === 0) return undefined;
  const u = view.facts.user;
  const { seenStart } = model.catalog;
  if (u >= 0 && (seenStart[u + 1] as number) > (seenStart[u] as number))
    return getUserContext(model, view.facts, undefined);
  // Unknown, or profiled but without a rating at training time: solved from the history they have now.
  const overlay = createIalsOverlay(model, u, foldInIalsUser(model, getImplicitHistory(view)));
  return getUserContext(model, view.facts, overlay);
}

/** Ratings the online step replays (newest first); bounds the work per event. */
const ONLINE_HISTORY = 50;

/**
 * The user's new overlay after an event, or undefined when the event changes none. An `ials` model solves the
 * user's factors afresh in closed form from everything they rated or clicked (a click is as much a signal as
 * a rating there); the rating kinds take SGD steps on recent ratings, and a click only widens their implicit
 * set (already read from the events table).
 */
export function nextOverlay(
  model: FmModel,
  view: UserView,
  type: 'rating' | 'click',
): UserOverlay | undefined {
  if (model.kind === 'ials') {
    return createIalsOverlay(model, view.facts.user, foldInIalsUser(model, getImplicitHistory(view)));
  }
  if (type !== 'rating') return undefined;
  const history = view.ratings.slice(0, ONLINE_HISTORY).reverse();
  return foldInRatings(model, view.facts, history, view.overlay, DEFAULT_ONLINE);
}
