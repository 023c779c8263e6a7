import { describe, expect, it } from 'vitest';
import { createFaqRetriever } from '../kb/faq-retriever.ts';
import { parseKnowledgeBase } from '../kb/knowledge-base.ts';
import { trainOnKnowledgeBase } from '../kb/knowledge-base-training.ts';
import { decideMessage } from './decide-message.ts';

// A knowledge base declaring one language of a script that others write too (Russian; Arabic).
const base = (language: string, intents: ReadonlyArray<[string, string[], string]>) =>
  parseKnowledgeBase({
    name: `only ${language}`,
    languages: [language],
    intents: intents.map(([id, examples, answer]) => ({ id, title: id, examples, answer })),
  });

const russian = base('ru', [
  [
    'card_arrival',
    ['моя карта не пришла', 'где моя новая карта', 'карта до сих пор не пришла', 'когда придёт карта'],
    'Карта приходит за 5-7 дней.',
  ],
  [
    'change_pin',
    ['как сменить пин', 'хочу поменять пин-код', 'забыл пин-код', 'где сменить код карты'],
    'ПИН меняется в приложении.',
  ],
]);
const arabic = base('ar', [
  [
    'card_arrival',
    ['لم تصل بطاقتي', 'أين بطاقتي الجديدة', 'متى تصل البطاقة', 'البطاقة لم تصل بعد'],
    'تصل البطاقة خلال أسبوع.',
  ],
  [
    'change_pin',
    ['كيف أغير الرقم السري', 'نسيت الرقم السري', 'أريد تغيير الرمز', 'تغيير رمز البطاقة'],
    'غيّر الرمز من التطبيق.',
  ],
]);

async function decide(kb: ReturnType<typeof base>, message: string) {
  const { classifier } = await trainOnKnowledgeBase(kb, [], undefined, {
    augment: false,
    minConfidence: 0.3,
    languageTemperatureRows: false,
  });
  return decideMessage({ classifier, retriever: createFaqRetriever(kb), kb }, message, undefined, 2);
}

describe('a message in another language of the script of a base declaring one', () => {
  it('gets the answer the base can give and the line naming Ukrainian, not a Russian answer as if Russian', async () => {
    // Was answered in Russian with no line: the only Cyrillic language declared was taken for every Cyrillic message.
    const decided = await decide(russian, 'Моя картка досі не прийшла');
    expect(decided).toMatchObject({ language: 'ru', messageLanguage: 'uk' });
    expect(decided.decision.notice).toBeDefined();
    expect(decided.decision.reply.startsWith(`${decided.decision.notice} `)).toBe(true);
    expect(decided.decision.reply.endsWith('Карта приходит за 5-7 дней.')).toBe(true);
  });

  it('names Persian to an Arabic base, and leaves Russian and Arabic customers alone', async () => {
    const persian = await decide(arabic, 'کارت من هنوز نرسیده');
    expect(persian).toMatchObject({ language: 'ar', messageLanguage: 'fa' });
    expect(persian.decision.notice).toBeDefined();
    for (const [kb, message, language] of [
      [russian, 'моя карта до сих пор не пришла', 'ru'],
      [russian, 'как сменить пароль', 'ru'],
      [arabic, 'لم تصل بطاقتي بعد', 'ar'],
    ] as const) {
      const decided = await decide(kb, message);
      expect(decided, message).toMatchObject({ language, messageLanguage: language });
      expect(decided.decision.notice, message).toBeUndefined();
    }
  });
});
