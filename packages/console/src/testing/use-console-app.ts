// One browser test file's app and Chromium: both started together before its tests, both stopped after them.
import { afterAll, beforeAll, inject } from 'vitest';
import { openBrowser, type ConsoleBrowser, type OpenBrowserOptions } from './browser.ts';
import { startConsoleApp, type ConsoleApp, type ConsoleAppOptions } from './console-app.ts';
import './vitest-global-setup.ts';

/** Options of {@link useConsoleApp}: the app's, and `browser` for the Chromium opened beside it. */
export interface UseConsoleAppOptions extends ConsoleAppOptions {
  browser?: OpenBrowserOptions;
}

/** The test file's app and browser; usable inside hooks and tests, not at the file's top level. */
export interface ConsoleTestKit {
  app: ConsoleApp;
  browser: ConsoleBrowser;
}

/** Stands for what `current()` returns once the file's beforeAll has run; a plain error before that. */
export function later<T extends object>(name: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (!target)
        throw new Error(`useConsoleApp: the ${name} is used before its beforeAll ran (or it failed)`);
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Registers a beforeAll that builds and starts the app ({@link startConsoleApp}) while Chromium opens
 * ({@link openBrowser}), and an afterAll that closes whichever of the two started. Call it at the top of a test
 * file; hooks the file registers after it run once both are up (vitest runs beforeAll hooks in order).
 * @example const { app, browser } = useConsoleApp({ appDir: APP_DIR, env: { ADMIN_KEY } });
 */
export function useConsoleApp(options: UseConsoleAppOptions): ConsoleTestKit {
  const { browser: browserOptions, ...appOptions } = options;
  let app: ConsoleApp | undefined;
  let browser: ConsoleBrowser | undefined;
  beforeAll(async () => {
    const [started, opened] = await Promise.allSettled([
      // One console build per test run when the package's vitest config has the console global setup.
      startConsoleApp({ buildCache: inject('suiteConsoleBuilds'), ...appOptions }),
      openBrowser(browserOptions),
    ]);
    if (started.status === 'fulfilled') app = started.value;
    if (opened.status === 'fulfilled') browser = opened.value;
    if (started.status === 'rejected') throw started.reason;
    if (opened.status === 'rejected') throw opened.reason;
  }, 240_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });
  return { app: later('app', () => app), browser: later('browser', () => browser) };
}
