// POST /api/metrics: a batch of {series, timestamp, value}; each point stored once, scored, and answered.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getAnomaly } from '../service/anomaly.ts';
import { assertSomePointTaken } from '../service/batch-rejection.ts';

/** Larger batches belong on Event Hubs; this keeps one request's transaction short. */
export const MAX_POINTS_PER_REQUEST = 5000;

// Points are checked one by one in the domain, so a bad point is rejected alone instead of failing the batch.
// A bare array is read as {points}: one shape, so a bad batch names the field points (a union said "Invalid input").
// One point object on its own is a batch of one, as an Event Hubs event may be: it was refused as "points: expected
// array, received undefined", naming a field the sender never wrote.
const pointList = z
  .array(z.unknown())
  .min(1, 'send at least one point')
  .max(MAX_POINTS_PER_REQUEST, `send at most ${MAX_POINTS_PER_REQUEST} points per request`);
const isLonePoint = (b: unknown) =>
  typeof b === 'object' &&
  b !== null &&
  !('points' in b) &&
  ('series' in b || 'timestamp' in b || 'value' in b);
const body = z.preprocess(
  (b) => (Array.isArray(b) ? { points: b } : isLonePoint(b) ? { points: [b] } : b),
  z.object({ points: pointList }),
);

// A write to shared data: a client key with API_KEYS=on, else the admin key (see the root README, API keys).
export const postMetrics = defineHandler(
  { body, maxBodyBytes: 4 * 1024 * 1024, write: true },
  async ({ body }) => {
    const report = await getAnomaly().ingest(body.points);
    // Some points taken: 200 listing the rejected ones; none taken: 400 naming each point's field.
    assertSomePointTaken(report);
    return json(report, 200);
  },
);

app.http('postMetrics', {
  methods: ['POST'],
  route: 'api/metrics',
  authLevel: 'anonymous',
  handler: postMetrics,
});
