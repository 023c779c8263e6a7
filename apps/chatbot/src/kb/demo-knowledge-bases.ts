// The demo knowledge bases shipped with the app (English, Chinese, Spanish), alone or merged into one multilingual
// base.
import demoEn from './demo-knowledge-base.json' with { type: 'json' };
import demoZh from './demo-knowledge-base.zh.json' with { type: 'json' };
import demoEs from './demo-knowledge-base.es.json' with { type: 'json' };
import { parseKnowledgeBase, type KnowledgeBase } from './knowledge-base.ts';
import { mergeKnowledgeBases } from './merge-knowledge-bases.ts';

/** The demo knowledge bases shipped with the app, by language (one fictional bank, written for this project). */
export const DEMO_LANGUAGES = ['en', 'zh', 'es'] as const;
export type DemoLanguage = (typeof DEMO_LANGUAGES)[number];
const DEMOS: Record<DemoLanguage, unknown> = { en: demoEn, zh: demoZh, es: demoEs };

/**
 * The demo served out of the box (DEMO_KNOWLEDGE_BASE unset): English, Chinese and Spanish merged, so `npm run dev`
 * and a fresh deploy answer customers in each (the product serves any language, Chinese first among them). Adding
 * Spanish answers no English message in Spanish (Banking77's 3,080 test messages: bench/latin-language-detection.ts)
 * and leaves English ranking as it was (bench/demo-languages.ts; bench/RESULTS.md, 30 Nov 2026).
 */
export const DEFAULT_DEMO_LANGUAGES: readonly DemoLanguage[] = Object.freeze(['en', 'zh', 'es']);

/**
 * The demo knowledge base in `languages` (DEMO_KNOWLEDGE_BASE): one language, or several merged into one
 * multilingual knowledge base whose first language is the default.
 *
 * @example getDemoKnowledgeBase(['en', 'zh']).languages // ["en", "zh"]
 */
export function getDemoKnowledgeBase(
  languages: readonly DemoLanguage[] = DEFAULT_DEMO_LANGUAGES,
): KnowledgeBase {
  // Each demo is validated once, as it is read; merging valid knowledge bases of distinct languages gives a valid
  // one (demo-knowledge-bases.test.ts checks every combination), so the merge is not validated again: that was a
  // second pass over every text, 10-30 ms of a cold start's first chat.
  const kbs = languages.map((l) => parseKnowledgeBase(structuredClone(DEMOS[l])));
  return kbs.length === 1 ? (kbs[0] as KnowledgeBase) : mergeKnowledgeBases(kbs);
}
