import { describe, expect, it } from 'vitest';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import { createFaqRetriever } from '../kb/faq-retriever.ts';
import { trainOnKnowledgeBase } from '../kb/knowledge-base-training.ts';
import { MORE_UNDECLARED_LATIN } from '../testing/undeclared-latin-samples.ts';
import { applyTurn } from './conversation-state.ts';
import { decideMessage } from './decide-message.ts';

describe('a message in a Latin-script language the knowledge base does not declare', () => {
  const kb = getDemoKnowledgeBase();
  const trained = trainOnKnowledgeBase(kb, [], undefined, { minConfidence: 0.55 });
  const parts = async () => ({
    classifier: (await trained).classifier,
    retriever: createFaqRetriever(kb),
    kb,
  });

  it('gets the line saying so, in the first declared language, French as Japanese already did', async () => {
    // Was answered as Spanish (the Spanish demo's answer, no line) or English without a word about French.
    const { decision, language, messageLanguage } = decideMessage(
      await parts(),
      "Ma carte n'est toujours pas arrivée",
      undefined,
      2,
    );
    expect({ language, messageLanguage }).toEqual({ language: 'en', messageLanguage: 'fr' });
    expect(decision.notice).toBe(
      "(I can't answer in French yet, so I'm answering in English; I also speak 中文 and español, or you can ask for a person.)",
    );
    expect(decision.reply.startsWith(`${decision.notice} `)).toBe(true);
  });

  it('gets the line for the Latin-script languages beyond the first five too: Polish, Turkish, Vietnamese', async () => {
    // Were answered as English or Spanish without a word: the check knew seven Latin-script languages.
    const p = await parts();
    const names: Record<string, string> = { pl: 'Polish', tr: 'Turkish', vi: 'Vietnamese' };
    for (const [message, tag] of MORE_UNDECLARED_LATIN.filter(([, l]) => l in names)) {
      const name = names[tag];
      const { decision, language } = decideMessage(p, message, undefined, 2);
      expect(language, message).toBe('en');
      expect(decision.notice, message).toMatch(new RegExp(`^\\(I can't answer in ${name} yet`));
    }
  });

  it('is answered in the conversation language, saying so in it: German after Spanish', async () => {
    const p = await parts();
    const opening = decideMessage(p, 'he perdido mi tarjeta', undefined, 2);
    const state = applyTurn(
      undefined,
      's',
      { ...opening.decision, message: 'he perdido mi tarjeta' },
      2,
      new Date(0),
    );
    const german = decideMessage(p, 'Meine Karte ist immer noch nicht angekommen', state, 2);
    expect(german).toMatchObject({ language: 'es', messageLanguage: 'de' });
    expect(german.decision.notice).toMatch(/^\(Todavía no puedo responder en alemán/);
    expect(german.decision.source).not.toBe('follow_up');
  });

  it('adds no line to English or Spanish holding a French word', async () => {
    const p = await parts();
    for (const [message, language] of [
      ['my carte bleue is lost', 'en'],
      ['mi tarjeta no funciona en el café', 'es'],
    ] as const) {
      const decided = decideMessage(p, message, undefined, 2);
      expect(decided, message).toMatchObject({ language, messageLanguage: language });
      expect(decided.decision.notice, message).toBeUndefined();
    }
  });
});
