// Model versions over HTTP on real database engines: named and series models listed with their metrics, pin an
// older version (a rollback) and see it served at once, unpin, retention (MODEL_KEEP_VERSIONS); admin-only writes.
import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { bodyOf, ctx, request, useTestAnomaly } from '../testing/http-test-kit.ts';
import { postDetect } from './detect.ts';
import { postMetrics } from './metrics.ts';
import { listModels, pinModel, unpinModel } from './models.ts';
import { postModelFit } from './models-fit.ts';
import { getSeries } from './series.ts';
import { getAnomaly as anomaly } from '../service/anomaly.ts';

const ADMIN = { 'x-admin-key': 'test-admin' };
const rows = Array.from({ length: 200 }, (_, i) => [Math.sin(i), Math.cos(i)]);

interface Version {
  version: string;
  served: boolean;
  pinned: boolean;
  metadata: Record<string, unknown>;
}
interface ModelView {
  name: string;
  served: string | null;
  versions: Version[];
}

async function fit(name: string, seed: number): Promise<string> {
  const res = await postModelFit(
    request('POST', `/models/${name}/fit`, {
      params: { name },
      headers: ADMIN,
      body: { rows, nTrees: 5, seed },
    }),
    ctx(),
  );
  expect(res.status).toBe(201);
  return bodyOf(res)['version'] as string;
}

async function models(query = ''): Promise<{ keepVersions: number; models: ModelView[] }> {
  const res = await listModels(request('GET', `/models${query}`), ctx());
  expect(res.status).toBe(200);
  return res.jsonBody as { keepVersions: number; models: ModelView[] };
}

const pin = (version: string, name: string, headers: Record<string, string> = ADMIN) =>
  pinModel(request('POST', `/models/${version}/pin?name=${name}`, { params: { version }, headers }), ctx());

async function servedBy(name: string): Promise<string> {
  const res = await postDetect(request('POST', '/detect', { body: { model: name, rows: [[0, 1]] } }), ctx());
  return bodyOf(res)['version'] as string;
}

describe.each(testEngines())('anomaly model versions over HTTP on %s', (engine) => {
  useTestAnomaly(engine, { ANOMALY_MIN_POINTS: '40', ANOMALY_TREES: '10' }, { MODEL_KEEP_VERSIONS: '2' });

  it('lists named models with metrics and rolls back by pinning an older version, served at once', async () => {
    const first = await fit('cpu-fleet', 1);
    const second = await fit('cpu-fleet', 2);
    const list = await models();
    expect(list.keepVersions).toBe(2);
    expect(list.models.map((m) => m.name)).toEqual(['cpu-fleet']);
    const [model] = list.models;
    expect(model!.served).toBe(second);
    expect(model!.versions.map((v) => v.version)).toEqual([second, first]);
    expect(model!.versions[1]).toMatchObject({
      served: false,
      pinned: false,
      metadata: { trainedRows: 200 },
    });
    expect(model!.versions[1]!.metadata['threshold']).toEqual(expect.any(Number));
    expect(await servedBy('cpu-fleet')).toBe(second);

    expect((await pin(first, 'cpu-fleet', {})).status).toBe(401);
    const pinned = await pin(first, 'cpu-fleet');
    expect(pinned.status).toBe(200);
    expect(bodyOf(pinned)).toMatchObject({ name: 'cpu-fleet', served: first, pinned: true });
    expect(await servedBy('cpu-fleet')).toBe(first);

    // Retention keeps the newest 2 plus the pinned one and the served one.
    const third = await fit('cpu-fleet', 3);
    const fourth = await fit('cpu-fleet', 4);
    const kept = (await models('?name=cpu-fleet')).models[0]!.versions.map((v) => v.version);
    expect(kept).toEqual([fourth, third, first]);
    expect(await servedBy('cpu-fleet')).toBe(fourth);

    const unpinned = await unpinModel(
      request('DELETE', `/models/${first}/pin?name=cpu-fleet`, {
        params: { version: first },
        headers: ADMIN,
      }),
      ctx(),
    );
    expect(bodyOf(unpinned)).toMatchObject({ name: 'cpu-fleet', version: first, pinned: false });
    await fit('cpu-fleet', 5);
    const after = (await models('?name=cpu-fleet')).models[0]!.versions.map((v) => v.version);
    expect(after).not.toContain(first);
    expect(after).toHaveLength(2);
  });

  it("lists a series' model by the name GET /api/series gives it, apart from the named ones; a rollback shows there", async () => {
    const points = Array.from({ length: 60 }, (_, i) => ({
      series: 'disk.io',
      timestamp: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
      value: 5 + Math.sin(i / 3),
    }));
    expect(
      (await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: points }), ctx())).status,
    ).toBe(200);
    const series = (bodyOf(await getSeries(request('GET', '/series'), ctx()))['series'] ?? []) as Array<
      Record<string, unknown>
    >;
    const disk = series.find((s) => s['id'] === 'disk.io')!;
    expect(disk['modelName']).toBe('series-disk.io');
    const view = (await models('?name=series-disk.io')).models[0]!;
    expect(view.served).toBe(disk['modelVersion']);
    expect(view.versions[0]!.metadata).toMatchObject({ series: 'disk.io', source: 'ingest' });
    expect((await models()).models.map((m) => m.name)).not.toContain('series-disk.io');
    // A second version (the refit timer's), then a rollback to the first: the series names the version served.
    const first = view.served!;
    const refitted = (await anomaly().refit('disk.io')) as { version: string };
    expect(refitted.version).not.toBe(first);
    expect((await pin(first, 'series-disk.io')).status).toBe(200);
    const after = (
      bodyOf(await getSeries(request('GET', '/series'), ctx()))['series'] as Array<Record<string, unknown>>
    ).find((s) => s['id'] === 'disk.io')!;
    expect(after['modelVersion']).toBe(first);
  });

  it("lists a warming-up series' model, as GET /api/series names it, with no versions yet (not a 400)", async () => {
    const ids = ['warm.up', 'Warm:Up-2'];
    const points = ids.map((series) => ({ series, timestamp: '2024-01-01T00:00:00Z', value: 1 }));
    expect(
      (await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: points }), ctx())).status,
    ).toBe(200);
    const series = bodyOf(await getSeries(request('GET', '/series'), ctx()))['series'] as Array<
      Record<string, unknown>
    >;
    for (const id of ids) {
      const name = series.find((s) => s['id'] === id)!['modelName'] as string;
      expect((await models(`?name=${encodeURIComponent(name)}`)).models).toEqual([
        { name, served: null, versions: [] },
      ]);
      expect((await pin('20990101T000000000Z-abcdef', name)).status).toBe(404);
    }
    expect((await listModels(request('GET', '/models?name=series-never.seen'), ctx())).status).toBe(400);
  });

  it('answers 400 for a name of no model of this app or a missing one, 404 for an unknown version', async () => {
    const foreign = await listModels(request('GET', '/models?name=recommender-fm'), ctx());
    expect(foreign.status).toBe(400);
    expect(new Headers(foreign.headers).get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(foreign.jsonBody)).toContain('not a model of this app');
    const version = '20990101T000000000Z-abcdef';
    const noName = await pinModel(
      request('POST', `/models/${version}/pin`, { params: { version }, headers: ADMIN }),
      ctx(),
    );
    expect(noName.status).toBe(400);
    expect(JSON.stringify(noName.jsonBody)).toContain('name');
    await fit('edge', 1);
    expect((await pin(version, 'edge')).status).toBe(404);
    expect((await pin('../etc', 'edge')).status).toBe(400);
  });
});
