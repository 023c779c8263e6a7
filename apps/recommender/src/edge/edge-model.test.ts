// The private mode's contract, on real database engines: GET /api/edge/model carries no user's data, and a user
// ranked on the device from it gets the list the server gives the same user after the same ratings.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeModel } from '../functions/edge-model.ts';
import { decodeModel } from '../model/artifact.ts';
import type { FmModel } from '../model/fm-model.ts';
import {
  createRecommenderTestKit,
  DEMO,
  seedDemo,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { createDeviceUser, rateOnDevice, recommendOnDevice } from './device-user.ts';
import { getPublicModelMeta } from './public-model.ts';

async function fetchEdgeModel(headers: Record<string, string> = {}) {
  const res = await edgeModel(
    new HttpRequest({ method: 'GET', url: 'http://localhost/api/edge/model', headers }),
    new InvocationContext({ invocationId: 'test' }),
  );
  return {
    status: res.status ?? 200,
    headers: new Headers(res.headers as Record<string, string>),
    body: res.body,
  };
}

describe.each(testEngines())('edge model and device ranking on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    await seedDemo(kit.recommender);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  it('answers 404 before any model is served', async () => {
    const res = await fetchEdgeModel();
    expect(res.status).toBe(404);
  });

  for (const kind of ['fm', 'ials'] as const) {
    it(`serves a ${kind} model without users, and the device ranks as the server does`, async () => {
      await kit.recommender.train({ kind, k: 4, epochs: 3 });
      const res = await fetchEdgeModel();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      const version = res.headers.get('x-model-version') as string;
      expect((await fetchEdgeModel({ 'if-none-match': `"${version}"` })).status).toBe(304);
      const model: FmModel = decodeModel(res.body as Uint8Array);
      expect(model.catalog.userIds).toHaveLength(0);
      expect(model.catalog.seenItem).toHaveLength(0);
      expect(getPublicModelMeta(model)).toMatchObject({ version });
      expect(Object.keys(getPublicModelMeta(model)?.titles ?? {})).toHaveLength(40);
      // No user's id appears in the header, and no parameter row is left for any of the 60 demo users.
      const served = (await kit.recommender.tryModel())?.model as FmModel;
      expect(model.layout.size).toBe(served.layout.size - served.catalog.userIds.length);

      const userId = kind === 'fm' ? 990001 : 990002;
      const items = DEMO.ratings
        .split('\n')
        .slice(1, 40)
        .map((line) => Number(line.split(',')[1]));
      const picks = [...new Set(items)].slice(0, 5);
      let device = createDeviceUser();
      const t0 = Date.parse('2024-01-01T00:00:00Z');
      expect(recommendOnDevice(model, device, 10).source).toBe('popularity');
      for (const [n, itemId] of picks.entries()) {
        const rating = [5, 1, 4, 2, 5][n] as number;
        await kit.recommender.event({
          userId,
          itemId,
          type: 'rating',
          rating,
          occurredAt: new Date(t0 + n * 1000),
        });
        device = rateOnDevice(model, device, itemId, rating);
        const server = await kit.recommender.recommend(userId, 10, true);
        const local = recommendOnDevice(model, device, 10);
        expect(local.source).toBe(server.source);
        expect(local.items).toEqual(
          server.items.map(({ itemId: id, score, rankingScore }) => ({ itemId: id, score, rankingScore })),
        );
      }
    });
  }
});
