// The chatbot console browser tests' one set-up: the app built from this folder with a known admin key and no LLM
// (answers come from the classifier and the knowledge base), its model folder holding the demo's trained classifier
// already, Chromium beside it, and one place for screenshots.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { useConsoleApp, type UseConsoleAppOptions } from '@suite/console/testing';
import { DEFAULT_DEMO_LANGUAGES, type DemoLanguage } from '../src/kb/demo-knowledge-bases.ts';
import { seedTrainedModels } from '../src/testing/trained-models.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');

/** The admin key every chatbot console test types into the staff pages. */
export const ADMIN_KEY = 'console-test-admin-key';

type Page = Parameters<ReturnType<typeof useConsoleApp>['browser']['screenshot']>[2];

/**
 * {@link useConsoleApp} for the chatbot: `env` adds to (or overrides) the admin key and the unset LLM variables,
 * `browser` and `skipBuild` are passed on. The app's MODEL_DIR holds the trained classifier of the demo it serves
 * (DEMO_KNOWLEDGE_BASE of `env`, else the default), copied from the run's one training (trained-models.ts): a page's
 * first answer is a chat, not a training (what a first chat's training does is tested in src/), so no wait on a page
 * is a bet on how long a training takes on a loaded machine. A Retrain trains as ever.
 * `shot(name, page?)` saves `.screenshots/chatbot-<name>-<engine>.png`; `post(path, body, headers?)` sends JSON to
 * the app as a client would, expects a 2xx and returns the parsed body.
 */
export function useChatbotConsole(options: Pick<UseConsoleAppOptions, 'env' | 'browser' | 'skipBuild'> = {}) {
  const models = mkdtempSync(join(tmpdir(), 'chatbot-console-models-'));
  const demo = options.env?.DEMO_KNOWLEDGE_BASE?.split(',') as DemoLanguage[] | undefined;
  // Registered before the app's hooks: the folder is filled before the app starts, and removed after it stopped.
  beforeAll(() => seedTrainedModels(models, demo ?? DEFAULT_DEMO_LANGUAGES), 240_000);
  afterAll(() => rmSync(models, { recursive: true, force: true }));
  const { app, browser } = useConsoleApp({
    appDir: APP_DIR,
    env: {
      ADMIN_KEY,
      LLM_BASE_URL: undefined,
      OPENAI_API_KEY: undefined,
      MODEL_DIR: models,
      ...options.env,
    },
    browser: options.browser,
    skipBuild: options.skipBuild,
  });
  const shot = (name: string, page?: Page) =>
    browser.screenshot(SHOTS, `chatbot-${name}-${app.db.split(' ')[0]}`, page);
  async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, text).toBeLessThan(300);
    return JSON.parse(text) as T;
  }
  return { app, browser, shot, post };
}
