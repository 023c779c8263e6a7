// Every request of api.http, in order and as written (`@suite/console/testing`'s runner, as the chatbot's and the
// recommender's), against the app started as `npm run dev` starts it (both engines): each answers as it says, so
// the examples cannot drift from the API. The README's curl examples are the same requests.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHttpExamples, startConsoleApp, type ConsoleApp } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_KEY = 'api-examples-admin-key';

let app: ConsoleApp;
beforeAll(async () => {
  app = await startConsoleApp({ appDir: APP_DIR, skipBuild: true, env: { ADMIN_KEY } });
  // Until the embedded database is up, health answers 503 "starting" (the api.http example says so), and a
  // keep-alive socket may be reset while PGlite's start blocks the event loop.
  const healthy = () =>
    fetch(`${app.url}/api/health`).then(
      (res) => res.status === 200,
      () => false,
    );
  for (let tries = 0; !(await healthy()); tries++) {
    if (tries > 240) throw new Error('the app did not become healthy');
    await new Promise((wait) => setTimeout(wait, 250));
  }
}, 240_000);
afterAll(async () => {
  await app?.stop();
});

describe(`api.http (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('runs every example as written, in order, each answering as it says', async () => {
    const results = await runHttpExamples(join(APP_DIR, 'api.http'), app.url, { adminKey: ADMIN_KEY });
    const file = readFileSync(join(APP_DIR, 'api.http'), 'utf8');
    expect(results.length).toBeGreaterThan(15);
    expect(results).toHaveLength(file.match(/^###/gm)!.length);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const pin = results.find((r) => r.method === 'POST' && r.url.includes('/pin'));
    expect(pin?.body).toContain('"pinned":true');
  }, 120_000);
});
