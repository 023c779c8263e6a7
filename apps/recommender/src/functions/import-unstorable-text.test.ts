import { HttpRequest, InvocationContext } from '@azure/functions';
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRecommenderTestKit,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { importData } from './import-data.ts';

// A NUL in an imported title used to reach the database and come back as a 500 (invalid byte sequence).
describe.each(testEngines())('POST /api/{kind}/import with text PostgreSQL cannot store, on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  const post = (body: string, contentType: string) =>
    importData(
      new HttpRequest({
        method: 'POST',
        url: 'http://localhost:7072/api/items/import',
        params: { kind: 'items' },
        headers: { 'content-type': contentType, 'x-admin-key': TEST_ADMIN_KEY },
        body: { string: body },
      }),
      new InvocationContext(),
    );

  it('rejects that JSON row with a reason naming the field, not a 500', async () => {
    const rows = [{ id: 1, title: 'Toy\u0000Story', genres: ['Comedy'] }];
    const res = await post(JSON.stringify(rows), 'application/json');
    expect(res.status).toBe(200);
    expect(res.jsonBody).toMatchObject({
      rejected: [{ line: 1, reason: 'title: must not contain NUL characters or unpaired surrogates' }],
    });
  });

  it('answers 400 naming the depth limit for 20,000 nested arrays, not a 500', async () => {
    const res = await post('['.repeat(20_000) + ']'.repeat(20_000), 'application/json');
    expect(res.status).toBe(400);
    expect((res.jsonBody as { detail: string }).detail).toContain('nested deeper than 64 levels');
  });

  it('answers 400 for a CSV file holding a NUL', async () => {
    const res = await post('id,title,genres\n1,Toy\u0000Story,Comedy\n', 'text/csv');
    expect(res.status).toBe(400);
  });
});
