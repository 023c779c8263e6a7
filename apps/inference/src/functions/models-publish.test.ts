// PUT /api/models/{name}: the answer describes what was stored. Re-sending a model with corrected metadata makes a
// version holding it, and metadata typed as UTF-8 in the header (as curl sends it) is stored as typed.
import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { ADMIN, bodyOf, ctx, readTestModel, request, useTestInference } from '../testing/http-test-kit.ts';
import { putModel } from './models-publish.ts';
import { getModelVersions } from './models-versions.ts';

const IRIS = readTestModel('iris-logreg').bytes;

const publish = (name: string, metadataHeader?: string) =>
  putModel(
    request('PUT', `/models/${name}`, {
      params: { name },
      bytes: IRIS,
      headers: { ...ADMIN, ...(metadataHeader !== undefined && { 'x-model-metadata': metadataHeader }) },
    }),
    ctx(),
  );

interface Listing {
  latest: string;
  versions: Array<{ version: string; metadata: Record<string, unknown> }>;
}
const versionsOf = async (name: string) =>
  bodyOf(
    await getModelVersions(request('GET', `/models/${name}/versions`, { params: { name } }), ctx()),
  ) as unknown as Listing;

describe.each(testEngines())('PUT /api/models/{name} on %s', (engine) => {
  useTestInference(engine);

  it('stores a new version when the same bytes come with other metadata, and answers what it stored', async () => {
    const first = bodyOf(await publish('iris', '{"labels":["a","b","c"]}'));
    const same = bodyOf(await publish('iris', '{"labels":["a","b","c"]}'));
    expect(same.version).toBe(first.version);
    // The labels were wrong: the same model again with the right ones (the answer said so, the store did not).
    const fixed = await publish('iris', '{"labels":["setosa","versicolor","virginica"]}');
    expect(fixed.status).toBe(201);
    expect(bodyOf(fixed).version).not.toBe(first.version);
    const listing = await versionsOf('iris');
    expect(listing.latest).toBe(bodyOf(fixed).version);
    expect(listing.versions.find((v) => v.version === listing.latest)?.metadata).toEqual({
      labels: ['setosa', 'versicolor', 'virginica'],
    });
    expect(bodyOf(fixed).metadata).toEqual({ labels: ['setosa', 'versicolor', 'virginica'] });
  });

  it('reads metadata sent as raw UTF-8 in the header as UTF-8, not as Latin-1', async () => {
    // node:http (the dev host, `PORT=... npm start`) hands header bytes over one character per byte (Latin-1):
    // curl -H 'x-model-metadata: {"labels":["花","🌸"]}' arrives as this string.
    const typed = '{"labels":["花","🌸","año"]}';
    const res = await publish('flowers', Buffer.from(typed, 'utf8').toString('latin1'));
    expect(res.status).toBe(201);
    const listing = await versionsOf('flowers');
    expect(listing.versions[0]?.metadata).toEqual({ labels: ['花', '🌸', 'año'] });
    // Escaped, as the console sends it, stays as it is.
    expect(bodyOf(await publish('escaped', '{"labels":["\\u82b1"]}')).metadata).toEqual({ labels: ['花'] });
  });

  it('refuses header bytes that are not UTF-8, saying how to send them', async () => {
    const res = await publish('latin', '{"labels":["a\u00e9"]}');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.jsonBody)).toMatch(/x-model-metadata: .*UTF-8.*\\\\u/);
  });
});
