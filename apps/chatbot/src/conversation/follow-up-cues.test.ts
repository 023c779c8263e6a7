import { describe, expect, it } from 'vitest';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import type { IntentPrediction } from '../nlp/intent-classifier.ts';
import { applyTurn } from './conversation-state.ts';
import { decideTurn } from './dialogue-policy.ts';
import { isBareFollowUp } from './follow-up-cues.ts';

const kb = getDemoKnowledgeBase(['en', 'zh', 'es']);
const predict = (intent: string, confidence: number): IntentPrediction => ({
  intent,
  confidence,
  outOfScope: false,
  ranked: [{ intent, confidence }],
});
const afterCardQuestion = applyTurn(
  undefined,
  's',
  {
    message: '新卡还没收到',
    reply: 'r',
    intent: 'card_not_arrived',
    confidence: 0.99,
    source: 'template',
    lowConfidence: false,
    requestedHuman: false,
  },
  2,
  new Date(0),
);
// The abroad follow-up is the first of card_not_arrived's in each language's own demo.
const abroad = (language: 'zh' | 'es') =>
  getDemoKnowledgeBase([language]).intents.find((i) => i.id === 'card_not_arrived')!.followUps![0]!.answer;
const decide = (message: string, language: string, prediction: IntentPrediction) =>
  decideTurn({
    message,
    prediction,
    state: afterCardQuestion,
    kb,
    hits: [{ id: prediction.intent, title: prediction.intent, score: 1 }],
    handoffAfterLowTurns: 2,
    language,
  });

describe('isBareFollowUp', () => {
  it('takes a follow-up keyword wrapped only in cue words, in each language', () => {
    for (const message of ['海外呢', '那海外呢？', '国外呢', 'y al extranjero?', '¿y fuera?', 'and abroad?'])
      expect(isBareFollowUp(message, ['海外', '国外', 'extranjero', 'fuera', 'abroad']), message).toBe(true);
  });

  it('refuses a message with a word of its own, or without a keyword', () => {
    for (const message of ['refund abroad?', '海外取现呢', '汇率呢', 'what about a refund?', 'y ya', '呢'])
      expect(isBareFollowUp(message, ['海外', 'abroad', 'extranjero']), message).toBe(false);
  });
});

describe('a bare follow-up of the topic, read by the classifier as another intent', () => {
  it('continues the topic: "海外呢" and "¿y al extranjero?" after a card that has not arrived', () => {
    // 海外 alone reads as exchange rates and "y al extranjero" as cash withdrawals, confidently: both were
    // answered as a change of topic.
    for (const [message, language, other] of [
      ['海外呢', 'zh', predict('exchange_rate', 0.85)],
      ['那海外呢？', 'zh', predict('exchange_rate', 0.85)],
      ['y al extranjero?', 'es', predict('cash_withdrawal', 0.76)],
      ['¿y al extranjero?', 'es', predict('cash_withdrawal', 0.76)],
    ] as const)
      expect(decide(message, language, other), message).toMatchObject({
        source: 'follow_up',
        intent: 'card_not_arrived',
        followUpOf: 'card_not_arrived',
        reply: abroad(language),
      });
  });

  it('leaves a short message with a request of its own to the classifier', () => {
    for (const [message, language, other] of [
      ['汇率呢', 'zh', predict('exchange_rate', 0.97)],
      ['海外取现呢', 'zh', predict('cash_withdrawal', 0.87)],
      ['what about a refund?', 'en', predict('refund', 0.83)],
    ] as const)
      expect(decide(message, language, other), message).toMatchObject({
        source: 'template',
        intent: other.intent,
      });
  });

  it('answers a keyword two languages write in the language of the conversation', () => {
    // "express" is a keyword of the English and the Spanish follow-up: "¿y express?" got the English answer.
    const express = decide('¿y express?', 'es', predict('card_not_arrived', 0.94));
    expect(express.reply).toMatch(/^El envío urgente llega en 3 días hábiles/);
    expect(decide('and express?', 'en', predict('card_not_arrived', 0.94)).reply).toMatch(
      /^Express delivery/,
    );
  });
});
