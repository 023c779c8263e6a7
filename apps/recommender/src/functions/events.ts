// POST /api/events: a rating or click is stored and folded into the user's factors online right away.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getRecommender } from '../service/recommender.ts';
import { EARLIEST_TIME_ISO, MAX_CLOCK_SKEW_SECONDS } from '../data/import-row-schemas.ts';

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
// A future time would outrank every later rating of the pair (the newest rating wins), so it is refused, and
// so is one before the Unix epoch, the import's bound (a missing or mis-scaled time, not a rating given then).
const occurredAt = z.iso
  .datetime({ offset: true })
  .refine(
    // Not `<=`: a string that is no date (already named by the datetime check) parses to NaN, and the
    // refinement runs anyway; it must not add "in the future" to "Invalid ISO datetime".
    (s) => !(Date.parse(s) > Date.now() + MAX_CLOCK_SKEW_SECONDS * 1000),
    `must not be in the future (more than ${MAX_CLOCK_SKEW_SECONDS} s ahead of the server clock)`,
  )
  .refine((s) => !(Date.parse(s) < 0), `must not be before ${EARLIEST_TIME_ISO} (the Unix epoch)`)
  .describe(
    `When it happened (ISO 8601 with an offset; default now): not before ${EARLIEST_TIME_ISO}, ` +
      `nor more than ${MAX_CLOCK_SKEW_SECONDS} s ahead of the server clock`,
  )
  .optional();
// The catalogue rule (ITEM_CATALOGUE) is checked against the database, so the schema can only say it.
const itemId = id.describe(
  'An item of the catalogue: one an items import or an imported rating named (any id with ITEM_CATALOGUE=open)',
);
const body = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('rating'),
    userId: id,
    itemId,
    rating: z.number().min(1).max(5),
    eventId: z.string().min(1).max(128).optional(),
    occurredAt,
  }),
  z.object({
    type: z.literal('click'),
    userId: id,
    itemId,
    eventId: z.string().min(1).max(128).optional(),
    occurredAt,
  }),
]);

// A write to shared data: a client key with API_KEYS=on, else the admin key (see the root README, API keys).
export const events = defineHandler({ body, maxBodyBytes: 16 * 1024, write: true }, async ({ body }) => {
  const result = await getRecommender().event({
    ...body,
    rating: body.type === 'rating' ? body.rating : undefined,
    occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
  });
  return json(result, result.duplicate ? 200 : 201);
});

app.http('events', { methods: ['POST'], route: 'api/events', authLevel: 'anonymous', handler: events });
