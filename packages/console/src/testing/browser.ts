// Debian's Chromium driven by playwright-core, for the consoles' browser tests: fresh profile, errors collected.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where Chromium is: CHROMIUM_PATH, else Debian's package (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep a headless run quiet and offline: no GPU, no QUIC, no updater, sync or first-run work. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with one page, the errors that page reported, and a way to close both. */
export interface ConsoleBrowser {
  page: Page;
  context: BrowserContext;
  /** Every `console.error` and uncaught page error so far, of every page, as text. */
  errors: string[];
  /**
   * The errors `page` (one this browser opened) reported so far: a test that opens a page of its own checks its own,
   * not those an earlier test's page left in `errors`.
   */
  errorsOf(page: Page): string[];
  /** Opens another page (tab) of the same browser whose errors are collected too. */
  newPage(): Promise<Page>;
  /** Saves a full-page PNG of `of` (default: the first page) as `<dir>/<name>.png` and returns its path. */
  screenshot(dir: string, name: string, of?: Page): Promise<string>;
  close(): Promise<void>;
}

/** Options of {@link openBrowser}. */
export interface OpenBrowserOptions {
  /**
   * URLs of endpoints a console probes and hides its part for when they answer 404 or 405 (the back end does not
   * have them yet), or that a test expects to refuse with 401 (no API key yet): Chromium logs such a response as a
   * console error, which is expected for these only.
   */
  optionalEndpoints?: RegExp[];
  /** The browser's language (navigator.languages, Accept-Language), e.g. "zh-CN"; Chromium's default otherwise. */
  locale?: string;
  /** Chromium flags beside {@link CHROMIUM_ARGS}, e.g. `--host-resolver-rules=MAP rebound.test 127.0.0.1`. */
  args?: string[];
}

/**
 * Launches headless Chromium with a fresh profile folder and opens one page.
 * @example const browser = await openBrowser(); await browser.page.goto(app.url);
 */
export async function openBrowser(options: OpenBrowserOptions = {}): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const profile = mkdtempSync(join(tmpdir(), 'suite-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    viewport: { width: 1280, height: 860 },
    locale: options.locale,
  });
  const errors: string[] = [];
  const byPage = new Map<Page, string[]>();
  const track = (page: Page) => {
    const own: string[] = [];
    byPage.set(page, own);
    const note = (error: string) => {
      errors.push(error);
      own.push(error);
    };
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const missing = /^Failed to load resource: the server responded with a status of 40[145]\b/;
      const url = message.location().url;
      if (missing.test(message.text()) && options.optionalEndpoints?.some((pattern) => pattern.test(url)))
        return;
      note(`console.error: ${message.text()} (${url})`);
    });
    page.on('pageerror', (error) => note(`page error: ${error.message}`));
    return page;
  };
  const page = track(context.pages()[0] ?? (await context.newPage()));
  return {
    page,
    context,
    errors,
    errorsOf(of) {
      const own = byPage.get(of);
      if (!own) throw new Error('errorsOf: not a page this browser opened (use browser.newPage())');
      return own;
    },
    newPage: async () => track(await context.newPage()),
    async screenshot(dir, name, of = page) {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${name}.png`);
      await of.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * How many pixels the page is wider than its window: above 0, the reader has to scroll sideways (a long word or
 * a wide table pushed the page out).
 * @example await page.setViewportSize({ width: 390, height: 844 }); expect(await sidewaysOverflow(page)).toBe(0);
 */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)');
}

/**
 * What sticks out of its panel on the right, tables aside (a wide table scrolls inside its panel by design): each
 * as its tag and first 40 characters of text. Empty when every word wrapped.
 * @example expect(await outsideTheirPanels(page)).toEqual([]);
 */
export async function outsideTheirPanels(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('section.panel')].flatMap((panel) => {
    const right = panel.getBoundingClientRect().right;
    return [...panel.querySelectorAll('*')]
      .filter((el) => !el.closest('table') && el.getBoundingClientRect().right > right + 0.5)
      .map((el) => el.tagName.toLowerCase() + ': ' + (el.textContent || '').trim().slice(0, 40));
  })`);
}

/**
 * The words of the page's field labels that the layout splits across lines ("mes" / "sage"): a label's own words
 * must stay whole even where long names and messages may break anywhere.
 * @example expect(await brokenLabelWords(page)).toEqual([]);
 */
export async function brokenLabelWords(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('label')].flatMap((label) =>
    [...label.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).flatMap((text) => {
      const broken = [];
      for (const m of text.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(text, m.index);
        range.setEnd(text, m.index + m[0].length);
        if (range.getClientRects().length > 1) broken.push(m[0]);
      }
      return broken;
    }))`);
}

/**
 * Table captions and tables that run past the right edge of their panel, each as its first 40 characters: a table
 * wider than a phone scrolls inside its panel, but a caption is as wide as its table, so a sentence in it is cut
 * off at the panel's edge ("the model's uncli…") until the reader scrolls the table; and a table of prose (a
 * knowledge base's examples) is unreadable when it needs that scroll at all. `selector` picks the tables checked.
 * @example expect(await cutOffInPanels(page, 'caption')).toEqual([]);
 */
export async function cutOffInPanels(page: Page, selector: string): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('section.panel')].flatMap((panel) => {
    const box = panel.getBoundingClientRect();
    const right = box.left + panel.clientLeft + panel.clientWidth;
    return [...panel.querySelectorAll(${JSON.stringify(selector)})]
      .filter((el) => el.getBoundingClientRect().right > right + 0.5)
      .map((el) => (el.textContent || '').trim().slice(0, 40));
  })`);
}
