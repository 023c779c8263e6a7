// GET /api/openapi.json: generated from the handlers' own zod schemas.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { openApi } from './openapi.ts';

describe('GET /api/openapi.json', () => {
  it('describes the chat body, the admin routes and the job and model resources', async () => {
    const res = await openApi(
      new HttpRequest({ method: 'GET', url: 'http://localhost/api/openapi.json' }),
      new InvocationContext({ invocationId: 'test' }),
    );
    expect(res.status).toBe(200);
    const doc = res.jsonBody as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const chat = doc.paths['/api/chat']!.post!;
    expect(JSON.stringify(chat.requestBody)).toContain('message');
    expect(doc.paths['/api/train']!.post!.security).toEqual([{ adminKey: [] }]);
    expect(doc.paths['/api/jobs/{id}/cancel']!.post).toBeDefined();
    expect(doc.paths['/api/models']!.get).toBeDefined();
  });
});
