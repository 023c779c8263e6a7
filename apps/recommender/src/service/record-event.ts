// Events: store a rating or click, and fold it into the user's online overlay at once so the next
// recommendation reflects it without a retrain. Ratings also land in the ratings table for the next retrain.
import { recordFeedbackReceived } from '@suite/shared/telemetry';
import type { Queryable } from '@suite/shared/db';
import { ConflictError, ValidationError } from '@suite/shared/errors';
import { getCatalogIndex } from '../features/catalog.ts';
import { getEvent, insertEvent } from '../store/event-repository.ts';
import { upsertRatings } from '../store/import-repository.ts';
import { isCatalogued } from '../store/item-repository.ts';
import type { ServiceContext } from './service-context.ts';
import type { FmModel } from '../model/fm-model.ts';
import { loadUserView, nextOverlay, overlayKey, type StoredOverlay } from './user-view.ts';

export interface EventInput {
  eventId?: string | undefined;
  userId: number;
  itemId: number;
  type: 'rating' | 'click';
  rating?: number | undefined;
  occurredAt?: Date | undefined;
}

export interface EventResult {
  stored: boolean;
  duplicate: boolean;
  online: { updated: boolean; modelVersion: string | null; reason?: string };
}

/**
 * A redelivery must carry the payload first stored under its id; anything else is a client reusing an id,
 * and answering "duplicate" would silently drop the new rating. The time is compared only when given,
 * since a retry without one defaults to the time it arrives. Ratings are stored as float4 (read back as
 * 4.099999904632568 by PGlite, 4.1 by pg), hence the tolerance.
 */
async function assertSameEvent(tx: Queryable, eventId: string, input: EventInput): Promise<void> {
  const stored = await getEvent(tx, eventId);
  if (!stored) return;
  const value = input.type === 'rating' ? (input.rating ?? null) : null;
  const same =
    stored.userId === input.userId &&
    stored.itemId === input.itemId &&
    stored.kind === input.type &&
    (stored.value === null ? value === null : value !== null && Math.abs(value - stored.value) < 1e-5) &&
    (input.occurredAt === undefined || stored.occurredAt.getTime() === input.occurredAt.getTime());
  if (!same) {
    throw new ConflictError(
      `event ${eventId} was already recorded with a different payload; use a new eventId`,
      {
        field: 'eventId',
        eventId,
      },
    );
  }
}

/**
 * An event names an item of the catalogue unless the catalogue is open (ITEM_CATALOGUE): a client's typo would
 * otherwise create an item, untitled and without genres, that the next training learns and may recommend.
 */
async function assertCatalogued(tx: Queryable, itemId: number): Promise<void> {
  if (await isCatalogued(tx, itemId)) return;
  throw new ValidationError(`item ${itemId} is not in the catalogue`, [
    {
      path: 'itemId',
      message:
        `item ${itemId} is not in the catalogue: import it first (POST /api/items/import), ` +
        'or set ITEM_CATALOGUE=open to let events add items',
    },
  ]);
}

export async function recordEvent(
  ctx: ServiceContext,
  input: EventInput,
  options: { openCatalogue: boolean },
): Promise<EventResult> {
  const loaded = await ctx.tryModel();
  const occurredAt = input.occurredAt ?? new Date();
  const fresh = await ctx.db.transaction(async (tx) => {
    if (!options.openCatalogue) await assertCatalogued(tx, input.itemId);
    const inserted = await insertEvent(tx, {
      eventId: input.eventId,
      userId: input.userId,
      itemId: input.itemId,
      kind: input.type,
      value: input.rating,
      occurredAt,
      modelVersion: loaded?.version ?? null,
    });
    if (!inserted && input.eventId !== undefined) await assertSameEvent(tx, input.eventId, input);
    if (inserted && input.type === 'rating' && input.rating !== undefined) {
      await upsertRatings(
        tx,
        [
          {
            user: input.userId,
            item: input.itemId,
            rating: input.rating,
            time: Math.floor(occurredAt.getTime() / 1000),
          },
        ],
        'event',
      );
    }
    return inserted;
  });
  if (fresh) recordFeedbackReceived({ app: 'recommender', kind: input.type });
  if (!fresh)
    return {
      stored: false,
      duplicate: true,
      online: { updated: false, modelVersion: loaded?.version ?? null, reason: 'duplicate event' },
    };
  if (!loaded)
    return {
      stored: true,
      duplicate: false,
      online: { updated: false, modelVersion: null, reason: 'no model loaded yet' },
    };
  const { model, version } = loaded;
  if (getCatalogIndex(model.catalog).item.get(input.itemId) === undefined) {
    return {
      stored: true,
      duplicate: false,
      online: { updated: false, modelVersion: version, reason: 'item not in the model yet' },
    };
  }
  // A click changes no overlay of the rating kinds: it only widens the implicit set, read at serving time.
  if (model.kind === 'ials' || input.type === 'rating')
    await foldIn(ctx, model, version, input.userId, input.type);
  return { stored: true, duplicate: false, online: { updated: true, modelVersion: version } };
}

/**
 * Fold the user's history into their overlay as a compare-and-swap on the overlay's version: the overlay is
 * read, then the history, then the new overlay is written only if no other event wrote one meanwhile, else
 * all three are done again. So the last writer always read the other's overlay, and so (read after it) the
 * other's rating: two events for one user at once come out as one after the other, never as one alone.
 * Computed outside the CAS, a fold-in that read the history before the other's rating was committed could
 * land last and drop that rating from the overlay (events-concurrency.test.ts).
 */
async function foldIn(
  ctx: ServiceContext,
  model: FmModel,
  version: string,
  userId: number,
  type: EventInput['type'],
): Promise<void> {
  await ctx.overlays.update(overlayKey(userId), async (current): Promise<StoredOverlay> => {
    const view = await loadUserView(ctx.db, model, version, userId, current);
    const overlay = nextOverlay(model, view, type);
    // Unreachable for the kinds folded in here (ials and ratings always give one); keep what is stored.
    if (!overlay) return current ?? { version, bias: 0, factors: new Array<number>(model.k).fill(0) };
    return { version, bias: overlay.bias, factors: Array.from(overlay.factors) };
  });
}
