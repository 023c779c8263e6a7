// Retention, as the other apps have it: after each publish the store keeps the newest MODEL_KEEP_VERSIONS versions,
// the latest and the pinned one; a version unpinned goes once enough newer ones exist.
import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { ADMIN, bodyOf, ctx, readTestModel, request, useTestInference } from '../testing/http-test-kit.ts';
import { putModel } from './models-publish.ts';
import { deleteModelPin, putModelPin } from './models-pin.ts';
import { predict } from './models-predict.ts';
import { getModelVersions } from './models-versions.ts';

const NAME = 'kept';
const ROW = readTestModel('wine-mlp').reference.inputs['features']![0]!;
// Publishing the bytes the latest already holds writes nothing, so consecutive publishes alternate two models.
const FILES = ['wine-mlp', 'wine-forest'] as const;

describe.each(testEngines())('retention on %s', (engine) => {
  useTestInference(engine, {}, { keepVersions: 2 });

  let published = 0;
  const publish = async () => {
    const file = FILES[published++ % 2]!;
    const res = await putModel(
      request('PUT', `/models/${NAME}`, {
        params: { name: NAME },
        bytes: readTestModel(file).bytes,
        headers: ADMIN,
      }),
      ctx(),
    );
    expect(res.status).toBe(201);
    return (bodyOf(res) as { version: string }).version;
  };
  const listing = async () => {
    const res = await getModelVersions(
      request('GET', `/models/${NAME}/versions`, { params: { name: NAME } }),
      ctx(),
    );
    return bodyOf(res) as { keepVersions: number; versions: { version: string }[]; serving: string };
  };
  const stored = async () => (await listing()).versions.map((v) => v.version);
  const pinTo = (version: string) =>
    putModelPin(
      request('PUT', `/models/${NAME}/pin`, { params: { name: NAME }, body: { version }, headers: ADMIN }),
      ctx(),
    );

  it('keeps the newest N and the pinned version, and lets an unpinned one go', async () => {
    await publish(); // the first, gone once two newer ones exist
    const v2 = await publish();
    const v3 = await publish();
    expect(await stored()).toEqual([v2, v3]);
    expect((await listing()).keepVersions).toBe(2);

    expect((await pinTo(v2)).status).toBe(200);
    const v4 = await publish();
    const v5 = await publish();
    // v2 is older than the newest two but pinned: kept, and still served.
    expect(await stored()).toEqual([v2, v4, v5]);
    const res = await predict(
      request('POST', `/models/${NAME}:predict`, { params: { name: NAME }, body: { instances: [ROW] } }),
      ctx(),
    );
    expect(bodyOf(res)['modelVersion']).toBe(v2);

    // Moving the pin to v4 releases v2; the next publish's retention removes it.
    expect((await pinTo(v4)).status).toBe(200);
    const v6 = await publish();
    expect(await stored()).toEqual([v4, v5, v6]);

    const unpin = await deleteModelPin(
      request('DELETE', `/models/${NAME}/pin`, { params: { name: NAME }, headers: ADMIN }),
      ctx(),
    );
    expect(bodyOf(unpin)['serving']).toBe(v6);
    const v7 = await publish();
    expect(await stored()).toEqual([v6, v7]);
  });
});
