import { describe, expect, it } from 'vitest';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import { createFaqRetriever } from '../kb/faq-retriever.ts';
import { KNOWLEDGE_BASE_TRAINING, trainOnKnowledgeBase } from '../kb/knowledge-base-training.ts';
import { trainIntentClassifier } from '../nlp/train-intent-classifier.ts';
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
