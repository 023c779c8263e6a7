// POST /api/{ratings|items|users}/import: CSV (header), tab-separated u.data style, JSON rows, or MovieLens
// 100K's own files (`format=movielens`; u.item is latin-1: send `charset=iso-8859-1` in Content-Type); cleaned,
// deduplicated and upserted idempotently; the response reports every rejected row with its reason. Admin only:
// imports change the data every user's recommendations and every model are built from.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { detectFormat } from '../data/import-rows.ts';
import { getRecommender } from '../service/recommender.ts';

export const importData = defineHandler(
  {
    params: z.object({ kind: z.enum(['ratings', 'items', 'users']) }),
    query: z.object({ format: z.enum(['csv', 'tsv', 'json', 'movielens']).optional() }),
    body: z.string(),
    bodyType: 'text',
    maxBodyBytes: 16 * 1024 * 1024,
    admin: true,
  },
  async ({ params, query, body, request }) => {
    const format = detectFormat(request.headers.get('content-type'), query.format);
    const report = await getRecommender().importData(params.kind, body, format);
    return json(report, 200);
  },
);

app.http('importData', {
  methods: ['POST'],
  route: 'api/{kind}/import',
  authLevel: 'anonymous',
  handler: importData,
});
