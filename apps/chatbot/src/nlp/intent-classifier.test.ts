import { describe, expect, it } from 'vitest';
import { decodeClassifier, decodeClassifierData, encodeClassifier } from './classifier-artifact.ts';
import { fitTemperature, meanNll } from './temperature.ts';
import { trainIntentClassifier, type TrainingExample } from './train-intent-classifier.ts';

const examples: TrainingExample[] = [
  ...[
    'where is my card',
    'my card has not arrived',
    'card still not here',
    'when will my new card come',
    'has my card been sent',
  ].map((text) => ({ text, intent: 'card_arrival' })),
  ...[
    'cancel my transfer',
    'stop the transfer i just made',
    'i want to cancel a payment to a friend',
    'undo my transfer please',
    'can i cancel a transfer',
  ].map((text) => ({ text, intent: 'cancel_transfer' })),
  ...[
    'what is the exchange rate',
    'how much is a euro in dollars',
    'exchange rate for pounds',
    'which rate do you use to convert',
    'currency conversion rate today',
  ].map((text) => ({ text, intent: 'exchange_rate' })),
];

/** Two Chinese intents of three messages each: a set in an unspaced script. */
const ZH_TWO_INTENTS = [
  ...['我的卡还没有到', '新卡什么时候寄到', '卡寄出了吗'].map((text) => ({ text, intent: 'card_arrival' })),
  ...['取消我的转账', '撤销刚才的转账', '转账能取消吗'].map((text) => ({ text, intent: 'cancel_transfer' })),
];

describe('trainIntentClassifier', () => {
  it('picks the vectorizer defaults by script: unspaced scripts keep n-grams seen once, weigh words 0.7, keep punctuation', () => {
    const zh = [
      { text: '我的卡还没有到', intent: 'card_arrival' },
      { text: '新卡什么时候寄到', intent: 'card_arrival' },
      { text: '取消我的转账', intent: 'cancel_transfer' },
      { text: '撤销刚才的转账', intent: 'cancel_transfer' },
    ];
    const chinese = trainIntentClassifier(zh).data.vectorizer.options;
    expect([chinese.minDf, chinese.wordWeight, chinese.punctuation]).toEqual([1, 0.7, true]);
    const english = trainIntentClassifier(examples).data.vectorizer.options;
    expect([english.minDf, english.wordWeight, english.punctuation]).toEqual([2, 1.5, false]);
    // An explicit option wins over the script's default.
    const explicit = trainIntentClassifier(zh, { vectorizer: { minDf: 2 } }).data.vectorizer.options;
    expect([explicit.minDf, explicit.wordWeight]).toEqual([2, 0.7]);
  });

  it('learns character embeddings from the texts of unspaced-script sets only, unless told otherwise', () => {
    const zh = ZH_TWO_INTENTS;
    const chinese = trainIntentClassifier(zh, { charEmbeddings: { dim: 4 } }).data;
    expect([chinese.charEmbeddings?.dim, chinese.charEmbeddingWeight]).toEqual([4, 0.3]);
    expect(chinese.charEmbeddings?.chars).toContain('卡');
    // Then the shipped character table's 64 columns.
    expect(chinese.charTable?.dim).toBe(64);
    expect(chinese.model.dim).toBe(chinese.vectorizer.keys.length + 4 + 64);
    expect(trainIntentClassifier(zh, { charEmbeddings: false }).data.charEmbeddings).toBeNull();
    // A spaced-script set keeps exactly the model it had: no block, the same weights.
    const english = trainIntentClassifier(examples).data;
    expect([english.charEmbeddings, english.charEmbeddingWeight]).toEqual([null, 0]);
    expect(english.model.weights).toEqual(
      trainIntentClassifier(examples, { charEmbeddings: false }).data.model.weights,
    );
    expect(
      trainIntentClassifier(examples, { charEmbeddings: { scripts: 'any' } }).data.charEmbeddings,
    ).not.toBeNull();
  });

  it('calls a message with no known n-gram or character out of scope, whatever the dense blocks hold', () => {
    const zh = ZH_TWO_INTENTS;
    // Without punctuation tokens (every message has an end-mark token), so that "qqq" has no n-gram at all, and
    // without a shipped character table, which may know "q" (jieba's did: its dictionary has "QQ").
    const clf = trainIntentClassifier(zh, {
      minConfidence: 0,
      vectorizer: { punctuation: false },
      charTable: false,
    });
    expect(clf.data.charEmbeddings).not.toBeNull();
    expect(clf.predict('').outOfScope).toBe(true);
    expect(clf.predict('qqq').outOfScope).toBe(true);
    expect(clf.predict('卡').outOfScope).toBe(false);
  });

  it('recognises paraphrases of the trained intents', () => {
    const clf = trainIntentClassifier(examples, { minConfidence: 0 });
    expect(clf.predict('my card hasn’t arrived yet').intent).toBe('card_arrival');
    expect(clf.predict('Please cancel the transfer!').intent).toBe('cancel_transfer');
    expect(clf.predict('What exchange rate do I get?').intent).toBe('exchange_rate');
  });

  it('ranks intents with confidences that sum to at most 1, highest first', () => {
    const p = trainIntentClassifier(examples).predict('cancel my transfer');
    expect(p.ranked[0]!.intent).toBe(p.intent);
    expect(p.ranked.map((r) => r.confidence)).toEqual(
      [...p.ranked.map((r) => r.confidence)].sort((a, b) => b - a),
    );
    expect(p.ranked.reduce((s, r) => s + r.confidence, 0)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('calls a message out of scope when nothing matches or no intent is confident', () => {
    const clf = trainIntentClassifier(examples, { minConfidence: 0.9 });
    expect(clf.predict('qqq zzz').outOfScope).toBe(true);
    expect(clf.predict('').outOfScope).toBe(true);
  });

  it('repeats exactly for the same seed', () => {
    const a = trainIntentClassifier(examples, { seed: 9 }).predict('card not here');
    const b = trainIntentClassifier(examples, { seed: 9 }).predict('card not here');
    expect(a).toEqual(b);
  });

  it('learns a corrected label online from feedback', () => {
    const clf = trainIntentClassifier(examples, { minConfidence: 0 });
    const text = 'the money I sent went to the wrong person';
    expect(clf.learn(text, 'cancel_transfer')).toBe(true);
    expect(clf.predict(text).intent).toBe('cancel_transfer');
    expect(clf.learn(text, 'no_such_intent')).toBe(false);
  });

  it('trains with augmentation and appended embeddings', () => {
    const withEmb = examples.map((ex, i) => ({
      ...ex,
      embedding: Float32Array.from([i % 3 === 0 ? 1 : 0, 0.5]),
    }));
    const clf = trainIntentClassifier(withEmb, { augment: { variantsPerUtterance: 2 } });
    expect(clf.data.embeddingDim).toBe(2);
    expect((clf.data.info.trainedOn as number) > examples.length).toBe(true);
    expect(clf.predict('where is my card', Float32Array.from([1, 0.5])).intent).toBe('card_arrival');
  });
});

describe('classifier artifact', () => {
  it('decodes to the same predictions it was encoded from', () => {
    const clf = trainIntentClassifier(examples);
    const bytes = encodeClassifier(clf);
    const back = decodeClassifier(bytes);
    expect(back.labels).toEqual(clf.labels);
    expect(back.predict('cancel my transfer')).toEqual(clf.predict('cancel my transfer'));
    expect(back.data.temperature).toBe(clf.data.temperature);
  });

  it('decodes from an unaligned slice of a larger buffer', () => {
    const bytes = encodeClassifier(trainIntentClassifier(examples));
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(decodeClassifierData(padded.subarray(3)).labels).toHaveLength(3);
  });

  it('rejects truncated or foreign bytes', () => {
    const bytes = encodeClassifier(trainIntentClassifier(examples));
    expect(() => decodeClassifierData(bytes.subarray(0, bytes.length - 4))).toThrow(/expected/);
    expect(() => decodeClassifierData(new TextEncoder().encode('not a model at all'))).toThrow(/magic/);
  });
});

describe('fitTemperature', () => {
  it('lowers held-out NLL compared with t = 1 on over-confident scores', () => {
    // Scores 10x too large with 30% of the argmaxes wrong: a temperature above 1 helps.
    const n = 100;
    const scores = new Float64Array(n * 2);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 10 < 7 ? 0 : 1;
      scores[i * 2] = 10;
    }
    const t = fitTemperature(scores, labels, 2);
    expect(t).toBeGreaterThan(1);
    expect(meanNll(scores, labels, 2, t)).toBeLessThan(meanNll(scores, labels, 2, 1));
  });
});
