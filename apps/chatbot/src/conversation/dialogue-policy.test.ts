import { describe, expect, it } from 'vitest';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import type { IntentPrediction } from '../nlp/intent-classifier.ts';
import { applyTurn, type ConversationState } from './conversation-state.ts';
import { decideTurn, looksLikeFollowUp, type PolicyInput } from './dialogue-policy.ts';

const kb = getDemoKnowledgeBase();
const predict = (intent: string, confidence: number, outOfScope = confidence < 0.35): IntentPrediction => ({
  intent,
  confidence,
  outOfScope,
  ranked: [{ intent, confidence }],
});
const hit = (id: string) => [{ id, title: id, score: 1 }];
const afterTurn = (intent: string): ConversationState =>
  applyTurn(
    undefined,
    's',
    {
      message: 'where is my card',
      reply: 'r',
      intent,
      confidence: 0.9,
      source: 'template',
      lowConfidence: false,
      requestedHuman: false,
    },
    2,
    new Date(0),
  );
const input = (over: Partial<PolicyInput>): PolicyInput => ({
  message: 'x',
  prediction: predict('refund', 0.9),
  state: undefined,
  kb,
  hits: hit('refund'),
  handoffAfterLowTurns: 2,
  ...over,
});

describe('looksLikeFollowUp', () => {
  it('accepts fragments and pronoun-led questions, not long new questions', () => {
    expect(looksLikeFollowUp('express?')).toBe(true);
    expect(looksLikeFollowUp('and what about abroad')).toBe(true);
    expect(looksLikeFollowUp('how long does it take')).toBe(true);
    expect(looksLikeFollowUp('I would like to open a new joint account with my wife next month')).toBe(false);
  });
});

describe('decideTurn', () => {
  it('answers a confident, grounded intent with its template', () => {
    const d = decideTurn(input({}));
    expect(d).toMatchObject({ intent: 'refund', source: 'template', lowConfidence: false });
    expect(d.entries[0]!.id).toBe('refund');
  });

  it('treats a prediction with no word in the knowledge base as out of scope unless very confident', () => {
    expect(decideTurn(input({ prediction: predict('refund', 0.5), hits: [] })).source).toBe('out_of_scope');
    expect(decideTurn(input({ prediction: predict('refund', 0.95), hits: [] })).source).toBe('template');
  });

  it("answers a follow-up from the previous intent's follow-ups", () => {
    const d = decideTurn(
      input({
        message: 'and express?',
        prediction: predict('refund', 0.2),
        state: afterTurn('card_not_arrived'),
      }),
    );
    expect(d).toMatchObject({
      source: 'follow_up',
      followUpOf: 'card_not_arrived',
      intent: 'card_not_arrived',
    });
  });

  it('treats a confident different intent as a change of topic, not a follow-up', () => {
    const d = decideTurn(
      input({
        message: 'refund abroad?',
        prediction: predict('refund', 0.9),
        state: afterTurn('card_not_arrived'),
      }),
    );
    expect(d).toMatchObject({ source: 'template', intent: 'refund' });
  });

  it('uses the previous message as context when the fragment alone is out of scope', () => {
    const d = decideTurn(
      input({
        message: 'and that?',
        prediction: predict('refund', 0.1),
        contextual: predict('top_up', 0.8),
        state: afterTurn('card_not_arrived'),
      }),
    );
    expect(d).toMatchObject({ source: 'follow_up', intent: 'top_up' });
  });

  it('hands off when asked for a person, even if the classifier hesitates', () => {
    const d = decideTurn(input({ message: 'can I talk to an agent', prediction: predict('refund', 0.2) }));
    expect(d).toMatchObject({ requestedHuman: true, source: 'handoff', intent: 'human_agent' });
  });

  it('answers a terse request for a person in scope, with the handoff, however unsure the classifier is', () => {
    for (const message of ['human', 'agent', 'operator', '人工', '人工。', 'humano', 'persona', 'person?']) {
      const d = decideTurn(input({ message, prediction: predict('refund', 0.2), hits: [] }));
      expect(d, message).toMatchObject({
        intent: 'human_agent',
        outOfScope: false,
        requestedHuman: true,
        source: 'handoff',
      });
    }
  });

  it('suggests topics on a first miss and hands off on the second', () => {
    const first = decideTurn(input({ prediction: predict('refund', 0.1) }));
    expect(first).toMatchObject({ source: 'out_of_scope', lowConfidence: true });
    const state = applyTurn(
      undefined,
      's',
      {
        message: 'x',
        reply: first.reply,
        intent: null,
        confidence: 0.1,
        source: 'out_of_scope',
        lowConfidence: true,
        requestedHuman: false,
      },
      2,
      new Date(),
    );
    expect(decideTurn(input({ prediction: predict('refund', 0.1), state })).source).toBe('handoff');
  });
});

describe('applyTurn', () => {
  it('numbers turns, keeps the last confident intent, and hands off after the low streak', () => {
    let s = afterTurn('refund');
    const low = {
      message: '?',
      reply: '?',
      intent: null,
      confidence: 0.1,
      source: 'out_of_scope' as const,
      lowConfidence: true,
      requestedHuman: false,
    };
    s = applyTurn(s, 's', low, 2, new Date());
    expect(s).toMatchObject({ turnCount: 2, lastIntent: 'refund', lowConfidenceStreak: 1, handedOff: false });
    s = applyTurn(s, 's', low, 2, new Date());
    expect(s).toMatchObject({ turnCount: 3, handedOff: true, handoffReason: 'low_confidence' });
  });
});

describe('decideTurn in the language of the message', () => {
  const both = getDemoKnowledgeBase(['en', 'zh']);
  const zhKb = getDemoKnowledgeBase(['zh']);
  const zh = (id: string) => zhKb.intents.find((i) => i.id === id)!;

  it('answers from the Chinese entry when the message is Chinese, and from the English one otherwise', () => {
    const chinese = decideTurn(input({ kb: both, language: 'zh', prediction: predict('refund', 0.9) }));
    expect(chinese.reply).toBe(zh('refund').answer);
    const english = decideTurn(input({ kb: both, language: 'en', prediction: predict('refund', 0.9) }));
    expect(english.reply).toBe(kb.intents.find((i) => i.id === 'refund')!.answer);
  });

  it('says its own sentences (not understood, handoff) in Chinese too', () => {
    const miss = decideTurn(
      input({ kb: both, language: 'zh', prediction: predict('refund', 0.1), hits: [] }),
    );
    expect(miss.source).toBe('out_of_scope');
    expect(miss.reply).toMatch(/没有理解/);
    const ask = decideTurn(
      input({ kb: both, language: 'zh', message: '转人工', prediction: predict('refund', 0.1) }),
    );
    expect(ask.source).toBe('handoff');
    expect(ask.reply).toBe(zh('human_agent').answer);
    // "人工智能" (artificial intelligence) is no request for a person.
    const ai = decideTurn(
      input({
        kb: both,
        language: 'zh',
        message: '你们用人工智能吗',
        prediction: predict('refund', 0.1),
        hits: [],
      }),
    );
    expect(ai.requestedHuman).toBe(false);
  });

  it('finds a Chinese follow-up keyword inside a message written without spaces', () => {
    // "那加急呢？" (and express?) holds the keyword 加急 but no space around it: it was answered with the
    // main answer again, while the bare keyword got the express answer.
    const express = zh('card_not_arrived').followUps!.find((f) => f.keywords.includes('加急'))!.answer;
    for (const message of ['那加急呢？', '加急呢', '加急', '能快一点吗'])
      expect(
        decideTurn(
          input({
            kb: both,
            language: 'zh',
            message,
            prediction: predict('card_not_arrived', 0.9),
            state: afterTurn('card_not_arrived'),
          }),
        ),
        message,
      ).toMatchObject({ source: 'follow_up', reply: express });
  });
});

describe('decideTurn in Spanish', () => {
  const all = getDemoKnowledgeBase(['en', 'zh', 'es']);
  const esKb = getDemoKnowledgeBase(['es']);
  const es = (id: string) => esKb.intents.find((i) => i.id === id)!;

  it('answers from the Spanish entry and says its own sentences in Spanish', () => {
    const answer = decideTurn(input({ kb: all, language: 'es', prediction: predict('refund', 0.9) }));
    expect(answer.reply).toBe(es('refund').answer);
    const miss = decideTurn(input({ kb: all, language: 'es', prediction: predict('refund', 0.1), hits: [] }));
    expect(miss.source).toBe('out_of_scope');
    expect(miss.reply).toMatch(/^No estoy seguro de haberte entendido/);
  });

  it('hands off on an explicit ask for a person even when the classifier hesitates', () => {
    for (const message of ['quiero hablar con un humano', 'pásame con un agente', 'necesito un operador'])
      expect(
        decideTurn(input({ kb: all, language: 'es', message, prediction: predict('refund', 0.1) })),
      ).toMatchObject({ source: 'handoff', requestedHuman: true, reply: es('human_agent').answer });
  });
});
