// The inference console in Debian's Chromium against the real app, with a model the test builds (sum = a + b):
// publish it from the page (refused without the admin key), predict from "Try it" (and see the API's 400 problem
// for a wrong shape), roll back to an older version from the page, and fit a 390 px phone.
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  brokenLabelWords,
  cutOffInPanels,
  outsideTheirPanels,
  sidewaysOverflow,
  useConsoleApp,
  type ConsoleBrowser,
} from '@suite/console/testing';
import { createSumModel, FLOAT } from '../src/testing/create-sum-model.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');
const ADMIN_KEY = 'console-test-admin-key';
const WIDE = createSumModel(FLOAT, 3);

const { app, browser } = useConsoleApp({ appDir: APP_DIR, env: { ADMIN_KEY } });

/** Console errors other than the refusals this file causes on purpose (Chromium logs every 4xx it is given). */
const unexpectedErrors = (page: ConsoleBrowser['page']) =>
  browser
    .errorsOf(page)
    .filter((e) => !/status of 40[01] .*\/api\/models\/[\w.-]+(:predict)?\)$/.test(e.replace(/\s+/g, ' ')));

const publishByApi = async (name: string, bytes: Uint8Array, metadata: object = {}) => {
  const res = await fetch(`${app.url}/api/models/${name}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/octet-stream',
      'x-admin-key': ADMIN_KEY,
      'x-model-metadata': JSON.stringify(metadata),
    },
    body: bytes,
  });
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return (JSON.parse(text) as { version: string }).version;
};

type Listing = {
  pinned: string | null;
  serving: string;
  versions: Array<{ version: string; sha256: string; metadata: object }>;
};
const versionsOf = async (name: string) =>
  (await (await fetch(`${app.url}/api/models/${name}/versions`)).json()) as Listing;

describe(`the inference console (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('publishes a model from the page only with the admin key, then predicts with it from Try it', async () => {
    const { page } = browser;
    await page.goto(app.url);
    const models = page.locator('section[aria-labelledby="models-heading"]');
    await expect.poll(() => models.textContent()).toContain('No model published yet');

    const publish = page.locator('section[aria-labelledby="publish-heading"]');
    await publish.getByLabel('Name').fill('sum');
    await publish
      .getByLabel('Model file')
      .setInputFiles({ name: 'sum.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(WIDE) });
    // Not Latin-1: the page escapes it for the x-model-metadata header, and the server stores it as typed.
    await publish.getByLabel('Metadata (JSON, optional)').fill('{"note": "a + b, façade"}');
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => page.getByTestId('publish-error').textContent())
      .toMatch(/^401 Unauthorized: .*x-admin-key/);

    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => page.getByTestId('published').textContent())
      .toMatch(/^Published sum version \S+: a FP32 \[N, 3\], b FP32 \[N, 3\] → sum FP32 \[N, 3\]$/);
    const stored = await versionsOf('sum');
    expect(stored.versions).toHaveLength(1);
    expect(stored.versions[0]!.sha256).toBe(createHash('sha256').update(WIDE).digest('hex'));
    expect(stored.versions[0]!.metadata).toEqual({ note: 'a + b, façade' });
    expect(await models.getByRole('button', { name: /^sum/ }).getAttribute('aria-pressed')).toBe('true');

    const tryIt = page.locator('section[aria-labelledby="try-heading"]');
    const instances = tryIt.getByLabel('Instances (JSON)');
    expect(await instances.inputValue()).toBe('[{"a":[0,0,0],"b":[0,0,0]}]');
    await instances.fill('[{"a": [1, 2, 3], "b": [0.5, 0.25, 4]}, {"a": [-1, 0, 1000], "b": [1, 1, 1]}]');
    await tryIt.getByRole('button', { name: 'Predict' }).click();
    const sums = page.getByTestId('predictions').locator('td[data-output="sum"]');
    await expect.poll(() => sums.allTextContents()).toEqual(['[1.5, 2.25, 7]', '[0, 1, 1001]']);
    expect(await page.getByTestId('served-by').textContent()).toContain(stored.serving);

    // A wrong shape: the page shows the API's own problem, status, title and detail.
    const bad = [{ a: [1, 2], b: [1, 2] }];
    const direct = await fetch(`${app.url}/api/models/sum:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: bad }),
    });
    expect(direct.status).toBe(400);
    const { detail } = (await direct.json()) as { detail: string };
    expect(detail).toMatch(/expected shape/);
    await instances.fill(JSON.stringify(bad));
    await tryIt.getByRole('button', { name: 'Predict' }).click();
    await expect
      .poll(() => page.getByTestId('predict-error').textContent())
      .toBe(`400 Bad Request: ${detail}`);
    expect(await page.getByTestId('predictions').count()).toBe(0);
    await instances.fill('[{"a": [1, 2, 3]');
    await tryIt.getByRole('button', { name: 'Predict' }).click();
    await expect
      .poll(() => page.getByTestId('predict-error').textContent())
      .toMatch(/^Instances: not valid JSON/);

    expect(await sidewaysOverflow(page)).toBe(0);
    await browser.screenshot(SHOTS, `inference-console-${app.db.split(' ')[0]}`);
    expect(unexpectedErrors(page)).toEqual([]);
  });

  it('serves an older version from the page (a rollback), and Try it follows its signature', async () => {
    const newer = await publishByApi('sum', createSumModel(FLOAT, 2));
    const older = (await versionsOf('sum')).versions.find((v) => v.version !== newer)!.version;
    const { page } = browser;
    await page.goto(`${app.url}/#model=sum`);
    const tryIt = page.locator('section[aria-labelledby="try-heading"]');
    const instances = tryIt.getByLabel('Instances (JSON)');
    await expect.poll(() => instances.inputValue()).toBe('[{"a":[0,0],"b":[0,0]}]');
    const olderRow = page.locator(`tr[data-version="${older}"]`);
    await expect.poll(() => olderRow.textContent()).toContain('a FP32 [N, 3]');

    const versions = page.locator('section[aria-labelledby="versions-heading"]');
    // The key typed in the first test is kept for the tab; typed again so this test stands alone.
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await olderRow.getByRole('button', { name: 'Serve this version' }).click();
    await expect.poll(() => olderRow.getByRole('cell').nth(4).textContent()).toBe('serving, pinned');
    expect((await versionsOf('sum')).pinned).toBe(older);
    // The form starts again from the served version's signature, and the answer names that version.
    await expect.poll(() => instances.inputValue()).toBe('[{"a":[0,0,0],"b":[0,0,0]}]');
    await tryIt.getByRole('button', { name: 'Predict' }).click();
    await expect.poll(() => page.getByTestId('served-by').textContent()).toContain(older);

    await versions.getByRole('button', { name: 'Serve the latest again' }).click();
    const newerRow = page.locator(`tr[data-version="${newer}"]`);
    await expect.poll(() => newerRow.getByRole('cell').nth(4).textContent()).toBe('serving, latest');
    expect((await versionsOf('sum')).pinned).toBeNull();
    expect(unexpectedErrors(page)).toEqual([]);
  });

  it('asks for the admin key once per page, keeps it for this tab only, and forgets it on request', async () => {
    const first = await publishByApi('keyed', createSumModel(FLOAT, 1));
    await publishByApi('keyed', createSumModel(FLOAT, 2));
    const page = await browser.newPage();
    await page.goto(`${app.url}/#model=keyed`);
    const firstRow = page.locator(`tr[data-version="${first}"]`);
    const serveFirst = firstRow.getByRole('button', { name: 'Serve this version' });
    await expect.poll(() => serveFirst.isDisabled()).toBe(true);
    // One field for the page: serving a version and publishing both use what was typed there once.
    const key = page.getByLabel('Admin key');
    expect(await key.count()).toBe(1);
    await key.fill(ADMIN_KEY);
    await serveFirst.click();
    await expect.poll(() => firstRow.getByRole('cell').nth(4).textContent()).toBe('serving, pinned');
    const publish = page.locator('section[aria-labelledby="publish-heading"]');
    await publish
      .getByLabel('Model file')
      .setInputFiles({ name: 'k.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(WIDE) });
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByTestId('published').textContent()).toMatch(/^Published keyed /);

    // Kept for the tab (sessionStorage), never in localStorage, so it survives a reload of this tab only.
    await page.reload();
    await expect.poll(() => page.getByLabel('Admin key').inputValue()).toBe(ADMIN_KEY);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    const other = await browser.newPage();
    await other.goto(`${app.url}/#model=keyed`);
    await expect.poll(() => other.locator('tr[data-version]').count()).toBe(3);
    expect(await other.getByLabel('Admin key').inputValue()).toBe('');
    await other.close();

    await page.getByRole('button', { name: 'Forget the key' }).click();
    expect(await page.getByLabel('Admin key').inputValue()).toBe('');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await expect.poll(() => page.locator('tr[data-version] button').first().isDisabled()).toBe(true);
    // The reload emptied the file field.
    await publish
      .getByLabel('Model file')
      .setInputFiles({ name: 'k.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(WIDE) });
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => page.getByTestId('publish-error').textContent())
      .toMatch(/^401 Unauthorized: .*x-admin-key/);
    expect(await sidewaysOverflow(page)).toBe(0);
    await browser.screenshot(SHOTS, `inference-console-key-${app.db.split(' ')[0]}`, page);
    expect({ page: unexpectedErrors(page), other: unexpectedErrors(other) }).toEqual({ page: [], other: [] });
    await page.close();
  });

  it('fits a 390 px phone: no sideways scroll, nothing past its panel, whole label words', async () => {
    // A name as long as the API allows, with a prediction and its versions on view.
    const name = `a-model-name-as-long-as-the-api-allows-${'x'.repeat(25)}`;
    // Its publisher's example is what Try it starts from.
    const example = [{ a: [1, 2, 3], b: [3, 2, 1] }];
    await publishByApi(name, createSumModel(FLOAT, 3), { example });
    await publishByApi('phone-other', createSumModel(FLOAT, 1));
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/#model=${name}`);
    // A fresh document: going to another hash of the same page keeps the earlier tests' form state.
    await page.reload();
    const tryIt = page.locator('section[aria-labelledby="try-heading"]');
    await expect.poll(() => tryIt.getByLabel('Instances (JSON)').inputValue()).toBe(JSON.stringify(example));
    await tryIt.getByRole('button', { name: 'Predict' }).click();
    await expect
      .poll(() => page.getByTestId('predictions').locator('td[data-output="sum"]').allTextContents())
      .toEqual(['[4, 4, 4]']);
    await expect.poll(() => page.getByTestId('versions').locator('tbody tr').count()).toBe(1);
    // Publishing starts from the model on view: its next version is the usual upload.
    expect(
      await page.locator('section[aria-labelledby="publish-heading"]').getByLabel('Name').inputValue(),
    ).toBe(name);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await outsideTheirPanels(page)).toEqual([]);
    expect(await brokenLabelWords(page)).toEqual([]);
    // Signatures, versions and outputs stack on a phone: none of them behind a sideways scroll.
    expect(await cutOffInPanels(page, 'table')).toEqual([]);
    await browser.screenshot(SHOTS, `inference-console-phone-${app.db.split(' ')[0]}`);
    // Picking another model moves the name along while none was typed.
    await page.getByRole('button', { name: /^phone-other/ }).click();
    await expect
      .poll(() => page.locator('section[aria-labelledby="publish-heading"]').getByLabel('Name').inputValue())
      .toBe('phone-other');
    await page.setViewportSize({ width: 1280, height: 860 });
    expect(unexpectedErrors(page)).toEqual([]);
  });
});
