// A model over the body limit published from the inference console the way the API intends, in Debian's Chromium:
// the page asks for an upload URL, PUTs the file straight to a real Azurite (the CSP lets it reach that origin, the
// storage account's CORS rule lets it in), then publishes the upload. The limit is set to 1 KB so a 3 KB model
// stands for a large one. Without the CORS rule, and for bytes that are not a model, the page says what went wrong;
// a Cancel while uploading publishes nothing and leaves nothing in the uploads container.
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  brokenLabelWords,
  outsideTheirPanels,
  sidewaysOverflow,
  useConsoleApp,
  type ConsoleBrowser,
} from '@suite/console/testing';
import { startAzurite, type AzuriteHandle } from '@suite/shared/testing';
import { readTestModel } from '../src/testing/http-test-kit.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');
const ADMIN_KEY = 'console-upload-admin-key';
const UPLOADS = 'model-uploads';
const MLP = readTestModel('wine-mlp');

let azurite: AzuriteHandle | undefined;
// Filled in before the app starts: useConsoleApp's own beforeAll runs after this file's first one.
const env: Record<string, string | undefined> = {
  ADMIN_KEY,
  MODEL_STORE: 'blob',
  INFERENCE_MAX_MODEL_MB: '0.001',
  INFERENCE_UPLOAD_CONTAINER: UPLOADS,
};
beforeAll(async () => {
  azurite = await startAzurite({ private: true });
  env['AZURE_STORAGE_CONNECTION_STRING'] = azurite.connectionString;
}, 120_000);
const { app, browser } = useConsoleApp({ appDir: APP_DIR, env });
afterAll(async () => azurite?.stop());

const blobService = () => BlobServiceClient.fromConnectionString(azurite!.connectionString);
/** What a deployment sets once on its storage account so the console's origin may PUT to upload URLs. */
const allowConsoleOrigin = () =>
  blobService().setProperties({
    cors: [
      {
        allowedOrigins: app.url,
        allowedMethods: 'PUT',
        allowedHeaders: 'x-ms-blob-type,content-type',
        exposedHeaders: '',
        maxAgeInSeconds: 60,
      },
    ],
  });
const waitingUploads = async () => {
  const names: string[] = [];
  for await (const blob of blobService().getContainerClient(UPLOADS).listBlobsFlat()) names.push(blob.name);
  return names;
};

/** Errors this file causes on purpose: the refused preflight (no CORS rule yet) and the 400 of a non-model. */
const unexpectedErrors = (page: ConsoleBrowser['page']) =>
  browser
    .errorsOf(page)
    .filter(
      (e) =>
        !/blocked by CORS policy|net::ERR_FAILED|status of 400 .*\/uploads\/[0-9a-f-]+\/publish\)$/.test(
          e.replace(/\s+/g, ' '),
        ),
    );

describe(`publishing a large model from the inference console (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('sends a file over the body limit through an upload URL and publishes it, saying why when storage refuses', async () => {
    const { page } = browser;
    // The app's first page on a machine shared by many jobs took over 30 s once (a bound on a hang, not a speed).
    await page.goto(app.url, { timeout: 120_000 });
    const publish = page.locator('section[aria-labelledby="publish-heading"]');
    await expect
      .poll(() => publish.getByTestId('publish-limits').textContent())
      .toBe(
        'Up to 1.0 KB goes in the request; a larger file (up to 2.0 GB) goes straight to Blob storage through an upload URL.',
      );
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await publish.getByLabel('Name').fill('wine-large');
    await publish.getByLabel('Model file').setInputFiles({
      name: 'wine-mlp.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(MLP.bytes),
    });
    await publish
      .getByLabel('Metadata (JSON, optional)')
      .fill('{"labels": ["class_0", "class_1", "class_2"]}');

    // No CORS rule on the account yet: the browser refuses the PUT, and the page says where to look.
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => page.getByTestId('publish-error').textContent())
      .toMatch(/^The upload to Blob storage got no answer: .*CORS rules/);

    await allowConsoleOrigin();
    // Slowed down so the progress is on screen long enough to look at.
    await page.route(/\/model-uploads\//, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => page.getByTestId('publish-progress').textContent())
      .toMatch(/^Uploading to Blob storage: /);
    await browser.screenshot(SHOTS, `inference-upload-progress-${app.db.split(' ')[0]}`);
    await expect
      .poll(() => page.getByTestId('published').textContent(), { timeout: 30_000 })
      .toMatch(
        /^Published wine-large version \S+ through an upload URL \(3\.\d KB\): features FP32 \[batch, 13\]/,
      );
    await page.unroute(/\/model-uploads\//);
    expect(await page.getByTestId('publish-progress').count()).toBe(0);
    expect(await page.getByTestId('publish-error').count()).toBe(0);

    const listing = (await (await fetch(`${app.url}/api/models/wine-large/versions`)).json()) as {
      versions: Array<{ sha256: string; metadata: object }>;
    };
    expect(listing.versions).toHaveLength(1);
    expect(listing.versions[0]!.sha256).toBe(createHash('sha256').update(MLP.bytes).digest('hex'));
    expect(listing.versions[0]!.metadata).toEqual({ labels: ['class_0', 'class_1', 'class_2'] });
    // Published from the upload, which is then deleted: the first attempt's URL was never written.
    expect(await waitingUploads()).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    await browser.screenshot(SHOTS, `inference-upload-${app.db.split(' ')[0]}`);
    expect(unexpectedErrors(page)).toEqual([]);
  });

  it("shows the API's problem for uploaded bytes that are not a model, on a 390 px phone", async () => {
    await allowConsoleOrigin();
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/#model=wine-large`);
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    const publish = page.locator('section[aria-labelledby="publish-heading"]');
    await expect.poll(() => publish.getByLabel('Name').inputValue()).toBe('wine-large');
    // The page picks the upload URL once it has read the limits (GET /api/models); clicked sooner, it PUTs the body
    // and shows the API's 413 instead (seen at load 59).
    await expect.poll(() => publish.getByTestId('publish-limits').count(), { timeout: 30_000 }).toBe(1);
    await publish.getByLabel('Model file').setInputFiles({
      name: 'junk.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(4096, 7),
    });
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => page.getByTestId('publish-error').textContent(), { timeout: 30_000 })
      .toMatch(/^400 Bad Request: .*ONNX Runtime/);
    expect(await waitingUploads()).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await outsideTheirPanels(page)).toEqual([]);
    expect(await brokenLabelWords(page)).toEqual([]);
    await browser.screenshot(SHOTS, `inference-upload-phone-${app.db.split(' ')[0]}`, page);
    expect(unexpectedErrors(page)).toEqual([]);
    await page.close();
  });

  it('cancels an upload on request: nothing published, the bytes already in storage deleted, the page says so', async () => {
    await allowConsoleOrigin();
    const page = await browser.newPage();
    await page.goto(app.url, { timeout: 120_000 });
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    const publish = page.locator('section[aria-labelledby="publish-heading"]');
    // The limits read, so the page knows this file goes through an upload URL.
    await expect.poll(() => publish.getByTestId('publish-limits').count(), { timeout: 60_000 }).toBe(1);
    await publish.getByLabel('Name').fill('wine-cancelled');
    await publish.getByLabel('Model file').setInputFiles({
      name: 'wine-mlp.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(MLP.bytes),
    });
    // The worst moment to cancel: the bytes have reached storage (a whole blob), its answer not yet the page.
    let stored!: () => void;
    const reachedStorage = new Promise<void>((resolve) => (stored = resolve));
    await page.route(/\/model-uploads\//, async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      await route.fetch();
      stored(); // and the answer is held: the browser's abort ends the request
    });
    await publish.getByRole('button', { name: 'Publish' }).click();
    await reachedStorage;
    expect(await waitingUploads()).toHaveLength(1);
    expect(await publish.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await browser.screenshot(SHOTS, `inference-upload-cancel-${app.db.split(' ')[0]}`, page);
    await publish.getByRole('button', { name: 'Cancel upload' }).click();
    await expect
      .poll(() => page.getByTestId('publish-cancelled').textContent())
      .toMatch(
        /^Upload cancelled (at .+ of|while sending) 3\.\d KB: nothing was published as wine-cancelled\.$/,
      );
    expect(await page.getByTestId('publish-progress').count()).toBe(0);
    expect(await publish.getByRole('button', { name: 'Cancel upload' }).count()).toBe(0);
    expect(await page.getByTestId('published').count()).toBe(0);
    expect(await page.getByTestId('publish-error').count()).toBe(0);
    await browser.screenshot(SHOTS, `inference-upload-cancelled-${app.db.split(' ')[0]}`, page);
    expect(await waitingUploads()).toEqual([]);
    expect((await fetch(`${app.url}/api/models/wine-cancelled/versions`)).status).toBe(404);
    const { models } = (await (await fetch(`${app.url}/api/models`)).json()) as {
      models: { name: string }[];
    };
    expect(models.map((m) => m.name)).not.toContain('wine-cancelled');

    // The form works again at once: the same file, not cancelled, is published.
    await page.unroute(/\/model-uploads\//);
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => page.getByTestId('published').textContent(), { timeout: 30_000 })
      .toMatch(/^Published wine-cancelled version /);
    expect(await page.getByTestId('publish-cancelled').count()).toBe(0);
    expect(unexpectedErrors(page)).toEqual([]);
    await page.close();
  });
});
