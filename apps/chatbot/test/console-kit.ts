// The chatbot console browser tests' one set-up: the app built from this folder with a known admin key and no LLM
// (answers come from the classifier and the knowledge base), Chromium beside it, and one place for screenshots.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { useConsoleApp, type UseConsoleAppOptions } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');

/** The admin key every chatbot console test types into the staff pages. */
export const ADMIN_KEY = 'console-test-admin-key';

type Page = Parameters<ReturnType<typeof useConsoleApp>['browser']['screenshot']>[2];

/**
 * {@link useConsoleApp} for the chatbot: `env` adds to (or overrides) the admin key and the unset LLM variables,
 * `browser` is passed on. `shot(name, page?)` saves `.screenshots/chatbot-<name>-<engine>.png`; `post(path, body,
 * headers?)` sends JSON to the app as a client would, expects a 2xx and returns the parsed body.
 */
export function useChatbotConsole(options: Pick<UseConsoleAppOptions, 'env' | 'browser'> = {}) {
  const { app, browser } = useConsoleApp({
    appDir: APP_DIR,
    env: { ADMIN_KEY, LLM_BASE_URL: undefined, OPENAI_API_KEY: undefined, ...options.env },
    browser: options.browser,
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
