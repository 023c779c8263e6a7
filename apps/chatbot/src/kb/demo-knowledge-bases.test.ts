import { describe, expect, it } from 'vitest';
import { DEMO_LANGUAGES, getDemoKnowledgeBase, type DemoLanguage } from './demo-knowledge-bases.ts';
import { parseKnowledgeBase } from './knowledge-base.ts';

/** Every ordered choice of demo languages: the first is the merged knowledge base's default. */
function choices(from: readonly DemoLanguage[]): DemoLanguage[][] {
  return from.flatMap((l) => [[l], ...choices(from.filter((m) => m !== l)).map((rest) => [l, ...rest])]);
}

describe('the demo knowledge bases', () => {
  it('are valid in every combination of languages, as served without a second validation', () => {
    for (const languages of choices(DEMO_LANGUAGES)) {
      const kb = getDemoKnowledgeBase(languages);
      expect(kb.languages).toEqual(languages);
      expect(parseKnowledgeBase(kb), languages.join('+')).toEqual(kb);
    }
  });
});
