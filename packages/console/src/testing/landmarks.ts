// Axe's "region" rule in a few lines: every visible text and control of a console sits inside a landmark, so a
// screen reader's landmark navigation reaches it (the project has no axe-core; this checks the one rule we need).
import type { Page } from 'playwright-core';

/**
 * What the page shows outside every landmark (banner, navigation, main, complementary, contentinfo, search, and a
 * region or form that has a name), each as its element's tag and first 40 characters of text: empty when screen
 * readers can reach all of it by landmark. Hidden content (display none, aria-hidden) is not counted.
 * @example expect(await outsideLandmarks(page)).toEqual([]);
 */
export async function outsideLandmarks(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const named = (el) => el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
    const sectioning = 'article, aside, main, nav, section, [role=article], [role=complementary], [role=main], [role=navigation], [role=region]';
    const isLandmark = (el) => {
      const role = el.getAttribute('role');
      if (role) return ['banner', 'navigation', 'main', 'complementary', 'contentinfo', 'search'].includes(role) || ((role === 'region' || role === 'form') && named(el));
      const tag = el.tagName.toLowerCase();
      if (['main', 'nav', 'aside', 'search'].includes(tag)) return true;
      // header and footer are the banner and the contentinfo only outside sectioning content.
      if (tag === 'header' || tag === 'footer') return !el.parentElement?.closest(sectioning);
      return (tag === 'section' || tag === 'form') && named(el);
    };
    const inLandmark = (el) => {
      for (let at = el; at && at !== document.body; at = at.parentElement) if (isLandmark(at)) return true;
      return false;
    };
    const shown = (el) => el.getClientRects().length > 0 && !el.closest('[aria-hidden=true]');
    const out = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.data.trim() || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
      if (shown(el) && !inLandmark(el)) out.add(el);
    }
    for (const el of document.body.querySelectorAll('input, select, textarea, button, img, canvas, svg'))
      if (shown(el) && !inLandmark(el)) out.add(el);
    return [...out].map((el) => el.tagName.toLowerCase() + ': ' + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40));
  })()`);
}
