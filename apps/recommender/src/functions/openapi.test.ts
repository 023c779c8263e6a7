// GET /api/openapi.json: generated from the handlers' own zod schemas.
import { describe, expect, it } from 'vitest';
import { call } from '../testing/http-test-kit.ts';
import { openApi } from './openapi.ts';

describe('GET /api/openapi.json', () => {
  it('describes every route with the parameters and bodies its handler validates', async () => {
    const res = await call(openApi);
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    const train = doc.paths['/api/train'].post;
    expect(train.security).toEqual([{ adminKey: [] }]);
    expect(JSON.stringify(train.requestBody.content['application/json'].schema)).toContain('optimizer');
    const recs = doc.paths['/api/users/{id}/recommendations'].get;
    expect(recs.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:id', 'query:k']),
    );
    const kinds = doc.paths['/api/{kind}/import'].post.parameters.find(
      (p: { name: string }) => p.name === 'kind',
    );
    expect(kinds.schema.enum).toEqual(['ratings', 'items', 'users']);
    expect(doc.paths['/api/models/{version}/pin'].delete).toBeDefined();
    const runs = doc.paths['/api/training-runs'].post;
    expect(runs.security).toEqual([{ adminKey: [] }]);
    expect(JSON.stringify(runs.requestBody.content['application/json'].schema)).toMatch(/mode.*workers/);
    expect(doc.paths['/api/pipelines'].post.security).toEqual([{ adminKey: [] }]);
    expect(doc.paths['/api/pipelines/{id}'].get).toBeDefined();
    // The rules zod can only check in code (refinements, the catalogue in the database) are said in words.
    const eventBody = JSON.stringify(
      doc.paths['/api/events'].post.requestBody.content['application/json'].schema,
    );
    expect(eventBody).toContain('not before 1970-01-01T00:00:00Z');
    expect(eventBody).toContain('ITEM_CATALOGUE=open');
  });
});
