// GET /api/openapi.json: generated from the handlers' own zod schemas, so it lists what the API really accepts.
import { describe, expect, it } from 'vitest';
import { bodyOf, ctx, request } from '../testing/http-test-kit.ts';
import { openApi } from './openapi.ts';

interface Operation {
  parameters: Array<{ name: string; in: string; schema: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  security?: unknown;
}

describe('GET /api/openapi.json', () => {
  it('describes each route with the parameters, bodies and admin guard its handler validates', async () => {
    const res = await openApi(request('GET', '/openapi.json'), ctx());
    expect(res.status).toBe(200);
    const doc = bodyOf(res) as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toBe('3.1.0');
    const fit = doc.paths['/api/models/{name}/fit']!['post']!;
    expect(fit.security).toEqual([{ adminKey: [] }]);
    expect(JSON.stringify(fit.requestBody!.content['application/json']!.schema)).toContain('sampleSize');
    const anomalies = doc.paths['/api/series/{id}/anomalies']!['get']!;
    expect(anomalies.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:id', 'query:from', 'query:to']),
    );
    expect(doc.paths['/api/models/{version}/pin']!['delete']!.security).toEqual([{ adminKey: [] }]);
    expect(doc.paths['/api/models']!['get']!.parameters.map((p) => p.name)).toEqual(['name']);
    // Ingest writes shared data: the admin key, or a client's API key with API_KEYS=on.
    expect(doc.paths['/api/metrics']!['post']!.security).toEqual([{ adminKey: [] }, { apiKey: [] }]);
  });

  it('tells a batch with some points taken (200) from one with every point rejected (400)', async () => {
    const doc = bodyOf(await openApi(request('GET', '/openapi.json'), ctx())) as {
      paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
    };
    const responses = doc.paths['/api/metrics']!['post']!.responses;
    expect(responses['200']?.description).toMatch(/At least one point was taken/);
    expect(responses['400']?.description).toMatch(/points_rejected.*every point was rejected/);
    expect(responses['default']).toBeDefined();
  });
});
