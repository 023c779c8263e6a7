// The customer chat's words follow the language of its answers: English, Chinese, Spanish, English for the rest.
import { describe, expect, it } from 'vitest';
import { customerLabels } from '../web/src/customer-labels.ts';
import { messageLanguages, needsAllCommonWords } from '../web/src/message-languages.ts';
import type { ChatMessage } from '../web/src/types.ts';

const customer = (text: string): ChatMessage => ({ key: `c-${text}`, from: 'customer', text });
const answer = (language?: string): ChatMessage => ({
  key: `a-${language}`,
  from: 'assistant',
  text: '…',
  language,
});
const agent: ChatMessage = { key: 'agent-1', from: 'agent', text: 'hola' };

describe('customerLabels', () => {
  it('has its own words for English, Chinese and Spanish, and English for any other language', () => {
    expect(customerLabels('es').right).toBe('Correcta');
    expect(customerLabels('zh-Hans').agent).toBe('客服');
    expect(customerLabels('en').wrong).toBe('Wrong');
    expect(customerLabels('fr')).toBe(customerLabels('en'));
    expect(customerLabels(undefined)).toBe(customerLabels('en'));
    // Every language says every thing: no string is left empty.
    for (const language of ['en', 'zh', 'es'])
      for (const [key, value] of Object.entries(customerLabels(language))) expect(value, key).not.toBe('');
  });
});

describe('messageLanguages', () => {
  it("gives an answer its own language and an agent's reply the conversation's", () => {
    const messages = [customer('¿Dónde está mi tarjeta?'), answer('es'), agent, customer('ok'), answer('en')];
    expect(messageLanguages(messages, ['en', 'zh', 'es'])).toEqual([undefined, 'es', 'es', undefined, 'en']);
  });

  it("places an answer read back after a reload (no language of its own) by the customer's message", () => {
    const messages = [customer('我的新卡还没有到'), answer(), agent];
    expect(messageLanguages(messages, ['en', 'zh', 'es'])).toEqual([undefined, 'zh', 'zh']);
    // Before the knowledge base has loaded nothing tells: English labels.
    expect(messageLanguages(messages, [])).toEqual([undefined, undefined, undefined]);
  });

  it('tells declared Latin-script languages beyond the seven apart by their common words once loaded', async () => {
    // Norwegian and Danish write the same letters; with the seven lists of the main bundle the first declared won.
    const { getAllCommonWords } = await import('../src/nlp/latin-more-words.ts');
    const messages = [customer('hva koster et nytt kort'), answer()];
    expect(messageLanguages(messages, ['da', 'no'], getAllCommonWords())).toEqual([undefined, 'no']);
    expect(needsAllCommonWords(['da', 'no'])).toBe(true);
    expect(needsAllCommonWords(['en', 'zh', 'es', 'fr'])).toBe(false);
  });

  it('tells declared Cyrillic languages apart by their letters and words', () => {
    // The first declared Cyrillic language was always taken.
    const messages = [customer('Моя картка досі не прийшла'), answer()];
    expect(messageLanguages(messages, ['ru', 'uk'])).toEqual([undefined, 'uk']);
  });
});
