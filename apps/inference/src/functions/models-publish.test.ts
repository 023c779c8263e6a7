// PUT /api/models/{name}: the answer describes what was stored. Re-sending a model with corrected metadata makes a
// version holding it, metadata typed as UTF-8 in the header (as curl sends it) is stored as typed, and publishes
// racing for one model each land as a version.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFsModelStore } from '@suite/shared/models';
import { testEngines } from '@suite/shared/testing';
import { ADMIN, bodyOf, ctx, readTestModel, request, useTestInference } from '../testing/http-test-kit.ts';
import { putModel } from './models-publish.ts';
import { predict } from './models-predict.ts';
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

  it('refuses metadata nested past the JSON limit (it overflowed JSON.stringify: a 500) or naming a key twice', async () => {
    const deep = await publish('deep', `{"a":${'['.repeat(6000)}${']'.repeat(6000)}}`);
    expect([deep.status, bodyOf(deep)['detail']]).toEqual([
      400,
      'x-model-metadata: nested deeper than 64 levels',
    ]);
    const twice = await publish('twice', '{"labels":["a","b"],"labels":["c"]}');
    expect([twice.status, bodyOf(twice)['detail']]).toEqual([
      400,
      'x-model-metadata: gives the name "labels" twice in one object',
    ]);
  });
});

describe.each(testEngines())('concurrent PUT /api/models/{name} on %s', (engine) => {
  const RACERS = 4;
  // Every publisher reads `latest` before any moves it: the interleaving that lost all but one (409) before.
  let arrived = 0;
  let allRead!: () => void;
  const everyoneRead = new Promise<void>((resolve) => (allRead = resolve));
  const dir = mkdtempSync(join(tmpdir(), 'inference-racing-publishes-'));
  const store = createFsModelStore(dir, {
    beforeCommit: async () => {
      arrived += 1;
      if (arrived === RACERS) allRead();
      if (arrived <= RACERS) await everyoneRead;
    },
  });
  useTestInference(engine, {}, { store: () => store });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes every one of them as a version (the caller asked for none in particular as latest)', async () => {
    const answers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => publish('racing', JSON.stringify({ run: i }))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(RACERS).fill(201));
    const listing = await versionsOf('racing');
    expect(listing.versions.map((v) => v.metadata['run']).sort()).toEqual([0, 1, 2, 3]);
    expect(answers.map((a) => bodyOf(a).version)).toContain(listing.latest);
    // This instance serves what the store says is latest, whichever publish answered last.
    const served = await predict(
      request('POST', '/models/racing:predict', {
        params: { name: 'racing' },
        body: { instances: [[5.1, 3.5, 1.4, 0.2]] },
      }),
      ctx(),
    );
    expect(bodyOf(served).modelVersion).toBe(listing.latest);
  });
});
