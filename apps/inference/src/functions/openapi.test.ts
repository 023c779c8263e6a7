// GET /api/openapi.json: the inference app's API too, as the root README promises for every app (it was a 404).
import { describe, expect, it } from 'vitest';
import { bodyOf, ctx, request } from '../testing/http-test-kit.ts';
import { openApi } from './openapi.ts';

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  security?: unknown;
}

describe('GET /api/openapi.json', () => {
  it('describes the publish, predict and Open Inference Protocol routes with what their handlers validate', async () => {
    const res = await openApi(request('GET', '/api/openapi.json'), ctx());
    expect(res.status).toBe(200);
    const doc = bodyOf(res) as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/models/{name}']!['put']!.security).toEqual([{ adminKey: [] }]);
    const predict = doc.paths['/api/models/{name}:predict']!['post']!;
    expect(JSON.stringify(predict.requestBody!.content['application/json']!.schema)).toContain('instances');
    const infer = doc.paths['/api/v2/models/{name}/versions/{version}/infer']!['post']!;
    expect(infer.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(['path:name', 'path:version']);
    expect(JSON.stringify(infer.requestBody!.content['application/json']!.schema)).toContain('datatype');
    expect(doc.paths['/api/models/{name}/pin']!['delete']!.security).toEqual([{ adminKey: [] }]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v2', '/api/v2/health/ready', '/api/health', '/api/apikeys']),
    );
  });
});
