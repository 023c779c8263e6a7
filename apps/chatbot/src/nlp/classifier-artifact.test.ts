import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { fitCharEmbeddings } from './char-embeddings.ts';
import { DEFAULT_CHAR_TABLE_BLOCK } from './char-table-block.ts';
import { charTableEmbeddings, quantiseCharTable } from './char-table.ts';
import { decodeClassifier, decodeClassifierData, encodeClassifier } from './classifier-artifact.ts';
import { createIntentClassifier } from './intent-classifier.ts';
import { trainIntentClassifier, type TrainingExample } from './train-intent-classifier.ts';

// A small Chinese set: unspaced script, so training appends the character block by default.
const zh: TrainingExample[] = [
  ...['我的卡还没有到', '新卡什么时候寄到', '卡寄出了吗', '我的新卡在哪里'].map((text) => ({
    text,
    intent: 'card_arrival',
  })),
  ...['取消我的转账', '撤销刚才的转账', '转账能取消吗', '我想撤回一笔转账'].map((text) => ({
    text,
    intent: 'cancel_transfer',
  })),
  ...['今天的汇率是多少', '美元兑人民币汇率', '换欧元的汇率', '汇率怎么算'].map((text) => ({
    text,
    intent: 'exchange_rate',
  })),
];
const MESSAGES = ['新卡还没到', '取消转账', '汇率多少', '卡和汇率', 'hello', ''];

const version = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);

describe('classifier artifact, hidden-layer member (format 5 and later)', () => {
  const member = { minExamplesPerIntent: 0, hidden: 8, epochs: 3 };

  it('carries the member: a reloaded classifier predicts exactly as the trained one', () => {
    const clf = trainIntentClassifier(zh, { hiddenLayer: member, charTable: false });
    const m = clf.data.hiddenLayer;
    expect([m?.model.hidden, m?.weight, m?.charWeight]).toEqual([8, 0.5, 0.5]);
    const bytes = encodeClassifier(clf);
    expect(version(bytes)).toBe(6);
    const back = decodeClassifier(bytes);
    expect(back.data.hiddenLayer).toEqual(clf.data.hiddenLayer);
    for (const msg of MESSAGES) expect(back.predict(msg)).toEqual(clf.predict(msg));
    expect(() => decodeClassifierData(bytes.subarray(0, bytes.length - 4))).toThrow(/expected/);
  });

  it('carries a member beside the offsets and the character table, the table last', () => {
    const clf = trainIntentClassifier(zh, {
      hiddenLayer: member,
      classOffsets: { minExamplesPerIntent: 0 },
    });
    expect(clf.data.classOffsets).not.toBeNull();
    expect(clf.data.charTable).not.toBeNull();
    const back = decodeClassifier(encodeClassifier(clf));
    for (const msg of MESSAGES) expect(back.predict(msg)).toEqual(clf.predict(msg));
  });
});

describe('classifier artifact, character table (format 4 and later)', () => {
  // A small table of its own (odd length, so the padding after it is exercised), not the shipped one.
  const state = fitCharEmbeddings(
    ['新卡寄到', '取消转账', '汇率多少', '卡丢了'],
    { dim: 3 },
    createRng(2),
  ).state;
  const table = quantiseCharTable('fixture-table', 'test', state);
  const loaded = { table, embeddings: charTableEmbeddings(table) };

  it('carries the table and its weight: a reloaded classifier predicts exactly as the trained one', () => {
    const clf = trainIntentClassifier(zh, { charTable: { table: loaded } });
    expect(clf.data.charTable?.name).toBe('fixture-table');
    expect(clf.data.charTableWeight).toBe(DEFAULT_CHAR_TABLE_BLOCK.weight);
    const { vectorizer, model, charEmbeddings } = clf.data;
    expect(model.dim).toBe(vectorizer.keys.length + (charEmbeddings?.dim ?? 0) + 3);
    const bytes = encodeClassifier(clf);
    const back = decodeClassifier(bytes);
    expect(back.data.charTable).toEqual(table);
    expect(back.data.charTableWeight).toBe(DEFAULT_CHAR_TABLE_BLOCK.weight);
    for (const m of MESSAGES) expect(back.predict(m)).toEqual(clf.predict(m));
    expect(back.features('卡丢了').values).toEqual(clf.features('卡丢了').values);
    expect(() => decodeClassifierData(bytes.subarray(0, bytes.length - 4))).toThrow(/expected/);
  });

  it('writes no table for a set below the minimum size, nor for a spaced-script set', () => {
    const small = { table: loaded, minExamplesPerIntent: 5 };
    expect(trainIntentClassifier(zh, { charTable: small }).data.charTable).toBeNull();
    const en = zh.map((ex, i) => ({ ...ex, text: `message number ${i}` }));
    const clf = trainIntentClassifier(en, { charTable: { table: loaded } });
    expect(clf.data.charTable).toBeNull();
    expect(decodeClassifier(encodeClassifier(clf)).data.charTable).toBeNull();
  });
});

describe('classifier artifact, format 6 (per-language temperatures)', () => {
  it('carries the per-language temperatures: each language predicts after a reload as before', () => {
    const trained = trainIntentClassifier(zh);
    const clf = createIntentClassifier({ ...trained.data, languageTemperatures: { zh: 3, ja: 0.5 } });
    const back = decodeClassifier(encodeClassifier(clf));
    expect(back.data.languageTemperatures).toEqual({ zh: 3, ja: 0.5 });
    for (const language of [undefined, 'zh', 'ja', 'en'])
      for (const m of MESSAGES)
        expect(back.predict(m, undefined, language)).toEqual(clf.predict(m, undefined, language));
    expect(decodeClassifier(encodeClassifier(trained)).data.languageTemperatures).toBeUndefined();
  });

  it('rejects a language temperature that is not a positive number', () => {
    const trained = trainIntentClassifier(zh);
    const bad = encodeClassifier(
      createIntentClassifier({ ...trained.data, languageTemperatures: { zh: -1 } }),
    );
    expect(() => decodeClassifierData(bad)).toThrow(/language temperature/);
  });
});

describe('classifier artifact, class offsets (format 3 and later)', () => {
  it('carries the class offsets: a reloaded classifier predicts exactly as the trained one', () => {
    const clf = trainIntentClassifier(zh, { classOffsets: { minExamplesPerIntent: 0 } });
    expect(clf.data.classOffsets).toHaveLength(3);
    const bytes = encodeClassifier(clf);
    const back = decodeClassifier(bytes);
    expect(back.data.classOffsets).toEqual(clf.data.classOffsets);
    for (const m of MESSAGES) expect(back.predict(m)).toEqual(clf.predict(m));
    expect(() => decodeClassifierData(bytes.subarray(0, bytes.length - 4))).toThrow(/expected/);
  });

  it('writes no offsets for a classifier trained without them', () => {
    const clf = trainIntentClassifier(zh);
    expect(clf.data.classOffsets).toBeNull();
    expect(decodeClassifier(encodeClassifier(clf)).data.classOffsets).toBeNull();
  });
});

describe('classifier artifact, character block (format 2 and later)', () => {
  it('carries the character embeddings: a reloaded classifier predicts exactly as the trained one', () => {
    const clf = trainIntentClassifier(zh, { charEmbeddings: { dim: 8 } });
    expect(clf.data.charEmbeddings?.dim).toBe(8);
    const back = decodeClassifier(encodeClassifier(clf));
    expect(back.data.charEmbeddings).toEqual(clf.data.charEmbeddings);
    expect(back.data.charEmbeddingWeight).toBe(clf.data.charEmbeddingWeight);
    for (const m of MESSAGES) expect(back.predict(m)).toEqual(clf.predict(m));
    // The reloaded classifier still learns from feedback on the same features.
    expect(back.features('新卡').values).toEqual(clf.features('新卡').values);
  });

  it('carries the character block beside a sentence embedding, each in its own columns', () => {
    const withEmb = zh.map((ex, i) => ({ ...ex, embedding: Float32Array.of(i % 3 === 0 ? 1 : 0, 0.5) }));
    const clf = trainIntentClassifier(withEmb, { charEmbeddings: { dim: 4 }, charTable: false });
    const { vectorizer, model, embeddingDim } = clf.data;
    expect(embeddingDim).toBe(2);
    expect(model.dim).toBe(vectorizer.keys.length + 2 + 4);
    const back = decodeClassifier(encodeClassifier(clf));
    const e = Float32Array.of(1, 0.5);
    expect(back.predict('新卡还没到', e)).toEqual(clf.predict('新卡还没到', e));
  });

  it('rejects a body too short for the character vectors its header declares', () => {
    const bytes = encodeClassifier(trainIntentClassifier(zh, { charEmbeddings: { dim: 4 } }));
    expect(() => decodeClassifierData(bytes.subarray(0, bytes.length - 4))).toThrow(/expected/);
  });
});
