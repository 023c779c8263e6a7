import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { bodyOf, ctx, request, useTestAnomaly } from '../testing/http-test-kit.ts';
import { postDetect } from './detect.ts';
import { postModelFit } from './models-fit.ts';

describe.each(testEngines())('named models over HTTP on %s', (engine) => {
  const kit = useTestAnomaly(engine);

  it('fits a named model (admin) and detects with it without storing anything', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => [Math.sin(i), Math.cos(i)]);
    const headers = { 'x-admin-key': 'test-admin' };
    const fit = await postModelFit(
      request('POST', '/models/demo/fit', {
        params: { name: 'demo' },
        headers,
        body: { rows, nTrees: 50 },
      }),
      ctx(),
    );
    expect(fit.status).toBe(201);
    const detect = bodyOf(
      await postDetect(
        request('POST', '/detect', {
          body: {
            model: 'demo',
            rows: [
              [0, 1],
              [40, -40],
            ],
          },
        }),
        ctx(),
      ),
    );
    const results = detect['results'] as Array<{ score: number; anomaly: boolean }>;
    expect(results[1]!.score).toBeGreaterThan(results[0]!.score);
    const wrongWidth = await postDetect(
      request('POST', '/detect', { body: { model: 'demo', rows: [[1, 2, 3]] } }),
      ctx(),
    );
    expect(wrongWidth.status).toBe(400);
    const unknown = await postDetect(
      request('POST', '/detect', { body: { model: 'nope', rows: [[1, 2]] } }),
      ctx(),
    );
    expect(unknown.status).toBe(404);
  });

  it('leaves no version behind for concurrent fits that lost the publish race', async () => {
    const rows = Array.from({ length: 256 }, (_, i) => [Math.sin(i), Math.cos(i)]);
    const fits = await Promise.all(
      Array.from({ length: 20 }, (_, seed) =>
        postModelFit(
          request('POST', '/models/race/fit', {
            params: { name: 'race' },
            headers: { 'x-admin-key': 'test-admin' },
            body: { rows, nTrees: 10, seed },
          }),
          ctx(),
        ),
      ),
    );
    const published = fits.filter((r) => r.status === 201).map((r) => bodyOf(r)['version']);
    const conflicts = fits.filter((r) => r.status === 409);
    expect(published.length).toBeGreaterThan(0);
    expect(published.length + conflicts.length).toBe(20);
    const stored = (await kit.modelStore.versions('race')).map((m) => m.version);
    expect(stored.sort()).toEqual([...published].sort());
    expect((await kit.modelStore.latest('race'))?.version).toBe(stored.at(-1));
  });
});
