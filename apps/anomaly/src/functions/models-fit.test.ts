import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { bodyOf, ctx, request, useTestAnomaly } from '../testing/http-test-kit.ts';
import { postDetect } from './detect.ts';
import { postModelFit } from './models-fit.ts';

describe.each(testEngines())('named models over HTTP on %s', (engine) => {
  useTestAnomaly(engine);

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
});
