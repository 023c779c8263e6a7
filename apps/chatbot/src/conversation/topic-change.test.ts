import { describe, expect, it } from 'vitest';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import { createFaqRetriever } from '../kb/faq-retriever.ts';
import { trainOnKnowledgeBase } from '../kb/knowledge-base-training.ts';
import type { IntentPrediction } from '../nlp/intent-classifier.ts';
import { applyTurn, type ConversationState } from './conversation-state.ts';
import { decideMessage } from './decide-message.ts';
import { decideTurn } from './dialogue-policy.ts';
import { namesOtherIntent } from './topic-words.ts';

const kb = getDemoKnowledgeBase();
const card = kb.intents.find((i) => i.id === 'card_not_arrived')!;
const cardFollowUps = card.followUps!.map((f) => f.answer);
const predict = (intent: string, confidence: number): IntentPrediction => ({
  intent,
  confidence,
  outOfScope: confidence < 0.55,
  ranked: [{ intent, confidence }],
});
const afterCard: ConversationState = applyTurn(
  undefined,
  's',
  {
    message: 'my new card has not arrived',
    reply: 'r',
    intent: 'card_not_arrived',
    confidence: 0.9,
    source: 'template',
    lowConfidence: false,
    requestedHuman: false,
  },
  2,
  new Date(0),
);

describe('a follow-up whose own words name another intent', () => {
  // Message, language, what the unsure classifier made of it.
  const cases = [
    ['what about international transfers?', 'en', predict('spending_limits', 0.31)],
    ['海外转账呢', 'zh', predict('cancel_transfer', 0.4)],
    ['y transferencias al extranjero?', 'es', predict('transfer_not_received', 0.28)],
  ] as const;

  it('changes the topic however unsure the classifier is, in English, Chinese and Spanish', () => {
    for (const [message, language, prediction] of cases) {
      // Each got the card's abroad answer: its keyword (international, 海外, extranjero) matched, and an unsure
      // other intent counted as the same topic; read with the card's message, it was the card again.
      const d = decideTurn({
        message,
        prediction,
        contextual: predict('card_not_arrived', 0.8),
        state: afterCard,
        kb,
        hits: [],
        handoffAfterLowTurns: 2,
        language,
      });
      expect(d.source, message).not.toBe('follow_up');
      expect(d.followUpOf, message).toBeNull();
      expect(cardFollowUps, message).not.toContain(d.reply);
    }
  });

  it('keeps a follow-up that says nothing of its own on the topic: express, abroad, "how long", "my card"', () => {
    for (const message of [
      'and express?',
      'what about abroad?',
      '那加急呢？',
      '¿y al extranjero?',
      'and with my card?',
    ])
      expect(namesOtherIntent(message, card, kb), message).toBe(false);
    for (const message of ['and express?', '那加急呢？', '¿y express?']) {
      const d = decideTurn({
        message,
        prediction: predict('refund', 0.2),
        state: afterCard,
        kb,
        hits: [],
        handoffAfterLowTurns: 2,
      });
      expect(d, message).toMatchObject({ source: 'follow_up', followUpOf: 'card_not_arrived' });
    }
  });

  it('changes the topic with the demo as served, the classifier unsure of the intent named', async () => {
    const { classifier } = await trainOnKnowledgeBase(kb, [], undefined, { minConfidence: 0.55 });
    const parts = { classifier, retriever: createFaqRetriever(kb), kb };
    for (const [opening, message] of [
      ['my new card has not arrived', 'what about international transfers?'],
      ['my new card has not arrived', 'and the fees abroad?'],
      ['mi tarjeta nueva no ha llegado', 'y transferencias al extranjero?'],
      ['新卡还没收到', '国际转账的手续费呢'],
    ] as const) {
      const opened = decideMessage(parts, opening, undefined, 2);
      const state = applyTurn(undefined, 's', { ...opened.decision, message: opening }, 2, new Date(0));
      const { decision } = decideMessage(parts, message, state, 2);
      expect(decision.source, message).not.toBe('follow_up');
      expect(decision.intent, message).not.toBe('card_not_arrived');
    }
  });
});
