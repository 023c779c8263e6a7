// The recommender's browser tests' app: the real app and Chromium (useConsoleApp), with twelve films and ten
// ratings per user imported before the file's tests, and an admin POST for what a test sends itself.
import { beforeAll, expect } from 'vitest';
import { useConsoleApp, type ConsoleTestKit, type OpenBrowserOptions } from '@suite/console/testing';

/** The admin key the app runs with and the tests type into the console. */
export const ADMIN_KEY = 'console-test-admin-key';

/** Options of {@link useFilmConsole}. */
export interface FilmConsoleOptions {
  appDir: string;
  /** Users rating, each ten of the twelve films (user u rates film (5i mod 12) + 1, ratings 1-5 in turn). */
  users: number;
  browser?: OpenBrowserOptions;
}

/** The file's app and browser, and `post` of JSON with the admin key. */
export interface FilmConsole extends ConsoleTestKit {
  post(path: string, body: unknown): Promise<Response>;
}

/**
 * Registers the app and browser of a recommender console test file and a beforeAll importing the films and
 * ratings; hooks the file registers after it run on that data.
 * @example const { app, browser, post } = useFilmConsole({ appDir: APP_DIR, users: 6 });
 */
export function useFilmConsole(options: FilmConsoleOptions): FilmConsole {
  const kit = useConsoleApp({ appDir: options.appDir, env: { ADMIN_KEY }, browser: options.browser });
  const post = (path: string, body: unknown) =>
    fetch(`${kit.app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify(body),
    });
  beforeAll(async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      id: i + 1,
      title: `Film ${i + 1}`,
      genres: ['Drama'],
    }));
    const ratings = Array.from({ length: options.users * 10 }, (_, i) => ({
      user: (i % options.users) + 1,
      item: ((i * 5) % 12) + 1,
      rating: 1 + (i % 5),
    }));
    for (const [path, body] of [
      ['/api/items/import', items],
      ['/api/ratings/import', ratings],
    ] as const) {
      const res = await post(path, body);
      expect(res.status, await res.text()).toBeLessThan(300);
    }
  }, 240_000);
  return { ...kit, post };
}
