// The inference console used from the keyboard: Predict and Publish, pressed with Enter, keep the focus while the
// request runs, so the next try starts where the last one did rather than at the top of the page; "Serve this
// version", gone once its version serves, hands the focus to the status saying so; all of it inside landmarks.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outsideLandmarks, useConsoleApp } from '@suite/console/testing';
import { createSumModel, FLOAT } from '../src/testing/create-sum-model.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_KEY = 'console-test-admin-key';

const { app, browser } = useConsoleApp({ appDir: APP_DIR, env: { ADMIN_KEY } });

type Page = (typeof browser)['page'];

/** The tag and text of what holds the focus. */
const focused = (page: Page) =>
  page.evaluate<string>(
    "(() => { const el = document.activeElement; return el.tagName + ' ' + (el.textContent ?? '').trim().slice(0, 40); })()",
  );

describe(`the inference console by keyboard (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('keeps the focus on Publish and on Predict after each answer', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    const publish = page.locator('section[aria-labelledby="publish-heading"]');
    await publish.getByLabel('Name').fill('sum');
    await publish.getByLabel('Model file').setInputFiles({
      name: 'sum.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(createSumModel(FLOAT, 2)),
    });
    await publish.getByRole('button', { name: 'Publish' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => publish.textContent(), { timeout: 60_000 }).toContain('Published sum version');
    // Disabled while the request ran, the button dropped the focus to <body>.
    expect(await focused(page)).toBe('BUTTON Publish');

    const predict = page.getByRole('button', { name: 'Predict' });
    await expect.poll(() => predict.count(), { timeout: 30_000 }).toBe(1);
    await page.getByLabel('Instances (JSON)').fill('[{"a": [1, 2], "b": [3, 4]}]');
    await predict.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('served-by').count(), { timeout: 30_000 }).toBe(1);
    expect(await focused(page)).toBe('BUTTON Predict');
    // Pressed again from there: a second answer, the focus still on the button.
    await page.getByLabel('Instances (JSON)').fill('[{"a": [1, 2], "b": [3]}]');
    await predict.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('predict-error').count(), { timeout: 30_000 }).toBe(1);
    expect(await focused(page)).toBe('BUTTON Predict');
    expect(browser.errorsOf(page).filter((e) => !/status of 400 .*:predict\)$/.test(e))).toEqual([]);
    await page.close();
  });

  it('moves the focus from "Serve this version" and "Serve the latest again" to the status saying what serves', async () => {
    // A second version of the model the first test published: the older one can then be served again.
    const published = await fetch(`${app.url}/api/models/sum`, {
      method: 'PUT',
      headers: { 'x-admin-key': ADMIN_KEY, 'content-type': 'application/octet-stream' },
      body: Buffer.from(createSumModel(FLOAT, 3)),
    });
    expect(published.status, await published.text()).toBe(201);
    const page = await browser.newPage();
    await page.goto(`${app.url}/#model=sum`);
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    const versions = page.getByRole('region', { name: 'Versions' });
    const serve = versions.getByRole('button', { name: 'Serve this version' });
    await expect.poll(() => serve.count(), { timeout: 30_000 }).toBe(1);
    const older = (await serve.locator('xpath=ancestor::tr').getAttribute('data-version'))!;
    await serve.focus();
    await page.keyboard.press('Enter');
    // The button went with its row's change to "serving": the focus fell back to <body>.
    await expect.poll(() => focused(page), { timeout: 30_000 }).toMatch(/^P Version /);
    expect(await versions.getByRole('status').textContent()).toBe(`Version ${older} is served now.`);
    await versions.getByRole('button', { name: 'Serve the latest again' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page), { timeout: 30_000 }).toBe('P The latest version is served again.');
    // From the status, Tab goes on to the next control of the panel, not back to the top of the page.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON Serve this version');
    expect(await outsideLandmarks(page)).toEqual([]);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });
});
