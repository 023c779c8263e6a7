// format=movielens on real database engines: MovieLens 100K's u.user, u.item (latin-1, pipe-separated) and a
// ratings file import as they are, accents intact; read in place from the shared data folder.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMovielensDir } from '../data/movielens.ts';
import {
  createRecommenderTestKit,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { importData } from './import-data.ts';

const dir = getMovielensDir();

/** POST the file's bytes unchanged, as curl --data-binary does. */
async function post(kind: string, file: string, contentType: string) {
  const request = new HttpRequest({
    method: 'POST',
    url: `http://localhost/api/${kind}/import?format=movielens`,
    headers: { 'content-type': contentType, 'x-admin-key': TEST_ADMIN_KEY },
    params: { kind },
    query: { format: 'movielens' },
    body: { bytes: new Uint8Array(readFileSync(join(dir, file))) },
  });
  const res = await importData(request, new InvocationContext({ invocationId: 'test' }));
  return { status: res.status ?? 200, body: res.jsonBody as Record<string, unknown> };
}

describe.runIf(existsSync(join(dir, 'u.item'))).each(testEngines())('format=movielens on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  it('imports u.user, u.item (latin-1) and u1.test as they are', { timeout: 120_000 }, async () => {
    const users = await post('users', 'u.user', 'text/plain');
    expect(users.status).toBe(200);
    expect(users.body).toMatchObject({ accepted: 943, rejected: [] });
    // Without the charset the latin-1 titles are not UTF-8: a 400 that says what to send.
    const utf8 = await post('items', 'u.item', 'text/plain');
    expect(utf8.status).toBe(400);
    expect(JSON.stringify(utf8.body)).toContain('charset=iso-8859-1');
    const items = await post('items', 'u.item', 'text/plain; charset=iso-8859-1');
    expect(items.body).toMatchObject({ accepted: 1682, rejected: [] });
    const titles = await kit.db.query<{ title: string }>(
      'SELECT title FROM rec_items WHERE id IN (543, 1104) ORDER BY id',
    );
    expect(titles.rows.map((r) => r.title)).toEqual([
      'Misérables, Les (1995)',
      "C'est arrivé près de chez vous (1992)",
    ]);
    const genres = await kit.db.query<{ genres: string[] }>('SELECT genres FROM rec_items WHERE id = 1');
    expect(genres.rows[0]?.genres).toEqual(['Animation', "Children's", 'Comedy']);
    const ratings = await post('ratings', 'u1.test', 'text/plain');
    expect(ratings.body).toMatchObject({ accepted: 20000, rejected: [] });
  });
});
