import { ValidationError } from '@suite/shared/errors';
import { describe, expect, it } from 'vitest';
import { getDemoKnowledgeBase } from './demo-knowledge-bases.ts';
import { parseKnowledgeBase } from './knowledge-base.ts';
import { trainOnKnowledgeBase } from './knowledge-base-training.ts';
import { LOOKUP_LIMITS } from './lookup-tables-schema.ts';
import { mergeKnowledgeBases } from './merge-knowledge-bases.ts';

/** The issues of a knowledge base with these lookup tables, or [] when it parses. */
function issues(lookupTables: unknown): { path: string; message: string }[] {
  try {
    parseKnowledgeBase({ ...getDemoKnowledgeBase(), lookupTables });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues as { path: string; message: string }[];
  }
}

describe('lookup tables of a knowledge base', () => {
  it('accepts named lists of names, and a knowledge base without them', () => {
    expect(issues({ app: ['微信', 'App Store'], branch: ['Soho'] })).toEqual([]);
    expect(parseKnowledgeBase(getDemoKnowledgeBase()).lookupTables).toBeUndefined();
  });

  it('names each bad entry and table', () => {
    const found = issues({ app: ['微信', '!!!', ''], 'Bad Name': ['x'], empty: [] });
    const paths = found.map((i) => i.path);
    expect(paths).toContain('lookupTables.app.1');
    expect(paths).toContain('lookupTables.app.2');
    expect(paths).toContain('lookupTables.empty');
    expect(found.some((i) => i.path.startsWith('lookupTables') && i.path.includes('Bad Name'))).toBe(true);
    expect(found.find((i) => i.path === 'lookupTables.app.1')?.message).toMatch(/letter or digit/);
  });

  it('refuses an entry of no letter or digit that punctuation rules miss (joiners, selectors, lone marks)', () => {
    // U+200D ZWJ and U+FE0F stay in an emoji message once its symbols become spaces: such an entry marked its list
    // on every message with a family or a red heart emoji.
    const found = issues({ app: ['\u200d', '\ufe0f', '\u0301', '\u00ad', 'ok'] });
    expect(found.map((i) => i.path)).toEqual([
      'lookupTables.app.0',
      'lookupTables.app.1',
      'lookupTables.app.2',
      'lookupTables.app.3',
    ]);
    expect(found.every((i) => /letter or digit/.test(i.message))).toBe(true);
  });

  it('refuses an entry too long, a table too large and too many tables', () => {
    expect(issues({ app: ['x'.repeat(LOOKUP_LIMITS.entryLength + 1)] })[0]?.path).toBe('lookupTables.app.0');
    const big = Array.from({ length: LOOKUP_LIMITS.entriesPerTable + 1 }, (_, i) => `n${i}`);
    expect(issues({ app: big })[0]?.path).toBe('lookupTables.app');
    const many = Object.fromEntries(
      Array.from({ length: LOOKUP_LIMITS.tables + 1 }, (_, i) => [`t${i}`, ['x']]),
    );
    expect(issues(many)[0]?.message).toMatch(/at most 50 lookup tables/);
    const wide = Object.fromEntries(
      Array.from({ length: 6 }, (_, t) => [`t${t}`, Array.from({ length: 9_000 }, (_, i) => `n${i}`)]),
    );
    expect(issues(wide)[0]?.message).toMatch(/at most 50000 entries/);
  });

  it('bounds an entry once normalised, as it is matched and stored: NFKC may make it 18 times longer', () => {
    // U+FDFA is one character and 18 once NFKC-normalised: six passed the 100-character limit as 108.
    const found = issues({ app: ['\ufdfa'.repeat(6), '\ufdfa'.repeat(5)] });
    expect(found.map((i) => i.path)).toEqual(['lookupTables.app.0']);
    expect(found[0]?.message).toMatch(/100 characters once normalised/);
  });

  it('pools the entries of a table two merged knowledge bases declare', () => {
    const en = { ...getDemoKnowledgeBase(['en']), lookupTables: { app: ['WeChat'] } };
    const zh = {
      ...getDemoKnowledgeBase(['zh']),
      lookupTables: { app: ['微信', 'WeChat'], tv: ['湖南卫视'] },
    };
    expect(mergeKnowledgeBases([en, zh]).lookupTables).toEqual({ app: ['WeChat', '微信'], tv: ['湖南卫视'] });
  });

  it('trains the classifier with the tables, and the artifact carries them', async () => {
    const kb = parseKnowledgeBase({
      ...getDemoKnowledgeBase(['en']),
      lookupTables: { card: ['Visa', 'Mastercard'] },
    });
    const options = { augment: false, minConfidence: 0.5, languageTemperatureRows: false } as const;
    const { classifier } = await trainOnKnowledgeBase(kb, [], undefined, options);
    expect(classifier.data.vectorizer.options.lookupTables).toEqual({ card: ['Visa', 'Mastercard'] });
    const plain = await trainOnKnowledgeBase(getDemoKnowledgeBase(['en']), [], undefined, options);
    expect(plain.classifier.data.vectorizer.options.lookupTables).toBeUndefined();
  });
});
