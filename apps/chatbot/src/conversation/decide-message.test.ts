import { describe, expect, it } from 'vitest';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import { createFaqRetriever } from '../kb/faq-retriever.ts';
import { KNOWLEDGE_BASE_TRAINING, trainOnKnowledgeBase } from '../kb/knowledge-base-training.ts';
import { trainIntentClassifier } from '../nlp/train-intent-classifier.ts';
import { applyTurn } from './conversation-state.ts';
import { decideMessage } from './decide-message.ts';

describe('per-language calibration of the served knowledge base', () => {
  it('gives each declared language of a multilingual knowledge base its own temperature, used for its messages', async () => {
    const kb = getDemoKnowledgeBase(['en', 'zh', 'es']);
    const { classifier, info } = await trainOnKnowledgeBase(kb, [], undefined, { minConfidence: 0.55 });
    const perLanguage = classifier.data.languageTemperatures ?? {};
    expect(Object.keys(perLanguage)).toEqual(['en', 'es', 'zh']);
    expect(info.languageTemperatures).toEqual(perLanguage);
    const parts = { classifier, retriever: createFaqRetriever(kb), kb };
    for (const [message, language] of [
      ['he perdido mi tarjeta', 'es'],
      ['我的卡丢了', 'zh'],
      ['I lost my card', 'en'],
    ] as const) {
      const decided = decideMessage(parts, message, undefined, 2);
      expect(decided.language).toBe(language);
      expect(decided.decision.confidence).toBe(classifier.predict(message, undefined, language).confidence);
      expect(decided.decision.confidence).not.toBe(classifier.predict(message).confidence);
    }
  });

  it('trains a single-language knowledge base exactly as before: no per-language temperature, the same model', async () => {
    const kb = getDemoKnowledgeBase(['es']);
    const { classifier, info } = await trainOnKnowledgeBase(kb, [], undefined, { minConfidence: 0.55 });
    const examples = kb.intents.flatMap((i) => i.examples.map((text) => ({ text, intent: i.id })));
    const before = trainIntentClassifier(examples, {
      ...KNOWLEDGE_BASE_TRAINING,
      seed: 1,
      minConfidence: 0.55,
    });
    expect(classifier.data.languageTemperatures).toBeUndefined();
    expect(info).not.toHaveProperty('languageTemperatures');
    expect(classifier.data.temperature).toBe(before.data.temperature);
    expect(classifier.data.model.weights).toEqual(before.data.model.weights);
  });
});

describe('short Spanish messages on the default demo', () => {
  const kb = getDemoKnowledgeBase();
  const trained = trainOnKnowledgeBase(kb, [], undefined, { minConfidence: 0.55 });
  const spanish = (id: string) => kb.intents.find((i) => i.id === id)!.translations!.es!.answer;
  const decide = async (message: string) => {
    const { classifier } = await trained;
    return decideMessage({ classifier, retriever: createFaqRetriever(kb), kb }, message, undefined, 2);
  };

  it('hands "humano" alone to a person in Spanish, told by a word only the Spanish examples write', async () => {
    const { decision, language } = await decide('humano');
    expect(language).toBe('es');
    expect(decision).toMatchObject({ intent: 'human_agent', requestedHuman: true, source: 'handoff' });
    expect(decision.reply).toBe(spanish('human_agent'));
  });

  it('takes "persona" alone as an ask for a person, not as a transfer to cancel', async () => {
    for (const message of ['persona', 'Persona', '¿persona?', 'una persona']) {
      const { decision, language } = await decide(message);
      expect(language).toBe('es');
      expect(decision).toMatchObject({ intent: 'human_agent', requestedHuman: true });
      expect(decision.reply).toBe(spanish('human_agent'));
    }
    // Inside a sentence the word keeps its meaning: money sent to the wrong person is a transfer to cancel.
    const wrong = await decide('le mandé dinero a la persona equivocada');
    expect(wrong.decision.intent).toBe('cancel_transfer');
  });

  it('offers top-up for "¿Cómo recargo mi cuenta?", a verb form the demo never writes, when unsure of it', async () => {
    const { decision } = await decide('¿Cómo recargo mi cuenta?');
    if (decision.outOfScope) expect(decision.reply).toMatch(/¿Es sobre recargar la cuenta/);
    else expect(decision.intent).toBe('top_up');
    expect(decision.entries.map((e) => e.id)).toContain('top_up');
  });
});

describe('a message that names no language, inside a conversation', () => {
  const kb = getDemoKnowledgeBase();
  const trained = trainOnKnowledgeBase(kb, [], undefined, { minConfidence: 0.55 });

  it('is answered in the language the customer has been writing, not in the first declared one', async () => {
    const { classifier } = await trained;
    const parts = { classifier, retriever: createFaqRetriever(kb), kb };
    for (const [opening, language] of [
      ['mi tarjeta nueva no ha llegado', 'es'],
      ['新卡还没收到', 'zh'],
      ['my new card has not arrived', 'en'],
    ] as const) {
      const first = decideMessage(parts, opening, undefined, 2);
      expect(first.language).toBe(language);
      let state = applyTurn(undefined, 's', { ...first.decision, message: opening }, 2, new Date(0));
      // An order number, a thumbs-up, a reference, an amount: a Chinese customer got English back.
      for (const message of ['12345678', '👍', 'AB-1234', '4.50€']) {
        const next = decideMessage(parts, message, state, 2);
        expect(next.language, `${message} after ${opening}`).toBe(language);
        state = applyTurn(state, 's', { ...next.decision, message }, 2, new Date(0));
      }
    }
    // A message that does name its language still switches.
    expect(decideMessage(parts, 'I lost my card', undefined, 2).language).toBe('en');
  });

  it('gets the first declared language when nothing in the conversation names one', async () => {
    const { classifier } = await trained;
    const decided = decideMessage(
      { classifier, retriever: createFaqRetriever(kb), kb },
      '12345678',
      undefined,
      2,
    );
    expect(decided.language).toBe(kb.languages[0]);
  });
});

describe('a follow-up after a turn that named no topic of its own', () => {
  const kb = getDemoKnowledgeBase();
  const trained = trainOnKnowledgeBase(kb, [], undefined, { minConfidence: 0.55 });

  it('is read together with the message that set the topic, not with the turn just before it', async () => {
    const { classifier } = await trained;
    const parts = { classifier, retriever: createFaqRetriever(kb), kb };
    let state: ReturnType<typeof applyTurn> | undefined;
    for (const message of ['新卡还没收到', '12345678']) {
      const { decision } = decideMessage(parts, message, state, 2);
      state = applyTurn(state, 's', { ...decision, message }, 2, new Date(0));
    }
    // "那加急呢？" (and express?) was joined with "12345678": the express answer came with 10% confidence.
    const { decision } = decideMessage(parts, '那加急呢？', state, 2);
    expect(decision).toMatchObject({ source: 'follow_up', followUpOf: 'card_not_arrived' });
    expect(decision.confidence).toBeGreaterThan(0.55);
  });
});

describe('a message in a language the knowledge base does not declare', () => {
  const kb = getDemoKnowledgeBase();
  const trained = trainOnKnowledgeBase(kb, [], undefined, { minConfidence: 0.55 });
  const chinese = (id: string) => kb.intents.find((i) => i.id === id)!.translations!.zh!.answer;

  it('is not answered as Chinese: Japanese gets the first declared language and a line saying so', async () => {
    const { classifier } = await trained;
    const parts = { classifier, retriever: createFaqRetriever(kb), kb };
    for (const message of ['カードがまだ届きません', '新しいカードが届かない']) {
      // Both were answered from the Chinese knowledge base, in Chinese, as Chinese messages.
      const { decision, language, messageLanguage } = decideMessage(parts, message, undefined, 2);
      expect({ language, messageLanguage }).toEqual({ language: 'en', messageLanguage: 'ja' });
      expect(decision.notice).toBe(
        "(I can't answer in Japanese yet, so I'm answering in English; I also speak 中文 and español, or you can ask for a person.)",
      );
      expect(decision.reply.startsWith(`${decision.notice} `)).toBe(true);
      expect(decision.reply).not.toMatch(/[\u4e00-\u9fff]{3}/);
    }
  });

  it('is answered in the language the customer wrote before, saying so in it; Korean and Russian alike', async () => {
    const { classifier } = await trained;
    const parts = { classifier, retriever: createFaqRetriever(kb), kb };
    const opening = decideMessage(parts, '新卡还没收到', undefined, 2);
    const state = applyTurn(undefined, 's', { ...opening.decision, message: '新卡还没收到' }, 2, new Date(0));
    const korean = decideMessage(parts, '카드가 아직 안 왔어요', state, 2);
    expect(korean).toMatchObject({ language: 'zh', messageLanguage: 'ko' });
    expect(korean.decision.notice).toBe(
      '（我暂时还不能用韩语回答，下面用中文回答；我也会说English和español，也可以要求转人工客服。）',
    );
    // Joined with the Chinese topic, the unread message got the topic's answer again as a follow-up.
    expect(korean.decision.source).not.toBe('follow_up');
    expect(korean.decision.reply).not.toContain(chinese('card_not_arrived'));
    const russian = decideMessage(parts, 'Моя карта не пришла', undefined, 2);
    expect(russian).toMatchObject({ language: 'en', messageLanguage: 'und-Cyrl' });
    expect(russian.decision.notice).toMatch(/^\(I can't answer in your language yet/);
    // With a letter Russian never writes (і), the line names the language: it said "your language".
    const ukrainian = decideMessage(parts, 'Моя картка досі не прийшла', undefined, 2);
    expect(ukrainian).toMatchObject({ language: 'en', messageLanguage: 'uk' });
    expect(ukrainian.decision.notice).toMatch(/^\(I can't answer in Ukrainian yet/);
  });

  it('adds no line to a declared language or to a message that names none', async () => {
    const { classifier } = await trained;
    const parts = { classifier, retriever: createFaqRetriever(kb), kb };
    for (const [message, messageLanguage] of [
      ['新卡还没收到', 'zh'],
      ['12345678', null],
    ] as const) {
      const decided = decideMessage(parts, message, undefined, 2);
      expect(decided.messageLanguage).toBe(messageLanguage);
      expect(decided.decision.notice).toBeUndefined();
    }
  });
});

describe('a short follow-up whose only word is a follow-up keyword of the topic', () => {
  const kb = getDemoKnowledgeBase();
  const trained = trainOnKnowledgeBase(kb, [], undefined, { minConfidence: 0.55 });
  const first = (language: 'zh' | 'es') =>
    getDemoKnowledgeBase([language]).intents.find((i) => i.id === 'card_not_arrived')!.followUps!;

  it('gets the abroad answer in the language of the conversation, Chinese and Spanish alike', async () => {
    const { classifier } = await trained;
    const parts = { classifier, retriever: createFaqRetriever(kb), kb };
    for (const [opening, followUp, language, answer] of [
      ['新卡还没收到', '海外呢', 'zh', first('zh')[0]!.answer],
      ['mi tarjeta nueva no ha llegado', 'y al extranjero?', 'es', first('es')[0]!.answer],
      ['mi tarjeta nueva no ha llegado', '¿y express?', 'es', first('es')[1]!.answer],
    ] as const) {
      const opened = decideMessage(parts, opening, undefined, 2);
      const state = applyTurn(undefined, 's', { ...opened.decision, message: opening }, 2, new Date(0));
      // 海外 alone was answered as exchange rates, "y al extranjero" as cash withdrawals, "¿y express?" in English.
      const { decision, language: answered } = decideMessage(parts, followUp, state, 2);
      expect(answered, followUp).toBe(language);
      expect(decision, followUp).toMatchObject({ source: 'follow_up', followUpOf: 'card_not_arrived' });
      expect(decision.reply, followUp).toBe(answer);
      expect(decision.confidence, followUp).toBeGreaterThan(0.55);
    }
  });
});
