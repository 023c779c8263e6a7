import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import {
  DEFAULT_HIDDEN_LAYER_MEMBER,
  SPACED_SCRIPT_HIDDEN_LAYER,
  wantsHiddenLayerMember,
} from './hidden-layer-member.ts';
import {
  hiddenLayerProbabilities,
  learnHiddenLayerModel,
  trainHiddenLayerModel,
} from './hidden-layer-model.ts';
import { createIntentClassifier } from './intent-classifier.ts';
import { scoreInto, softmaxInPlace } from './linear-model.ts';
import { trainIntentClassifier } from './train-intent-classifier.ts';

// An unspaced-script set of 20 examples per intent (the default minimum), and a tiny one of 4.
const cross = (heads: string[], tails: string[], intent: string) =>
  heads.flatMap((h) => tails.map((t) => ({ text: h + t, intent })));
const zh20 = [
  ...cross(
    ['我的卡', '新卡', '银行卡', '信用卡', '借记卡'],
    ['还没到', '什么时候寄到', '在哪里', '寄出了吗'],
    'arrival',
  ),
  ...cross(
    ['转账', '汇款', '付款', '这笔转账', '刚才的转账'],
    ['取消', '撤销', '能撤回吗', '退回'],
    'cancel',
  ),
  ...cross(['美元', '欧元', '日元', '英镑', '港币'], ['汇率', '兑换价格', '今天多少', '怎么换'], 'rate'),
];
const tiny = zh20.filter((_, i) => i % 5 === 0);
const small = { hidden: 8, epochs: 3 };

describe('when training adds a hidden-layer member', () => {
  it('for unspaced-script sets of 20 or more examples per intent only, unless told otherwise', () => {
    expect(wantsHiddenLayerMember({}, true, 60, 3)).toBeDefined();
    expect(wantsHiddenLayerMember({}, true, 59, 3)).toBeUndefined();
    expect(wantsHiddenLayerMember({ scripts: 'unspaced' }, false, 600, 3)).toBeUndefined();
    expect(wantsHiddenLayerMember({ scripts: 'any' }, false, 600, 3)).toBeDefined();
    expect(wantsHiddenLayerMember({ weight: 0 }, true, 600, 3)).toBeUndefined();
    expect(wantsHiddenLayerMember(false, true, 600, 3)).toBeUndefined();
    expect(trainIntentClassifier(zh20, { hiddenLayer: small }).data.hiddenLayer).not.toBeNull();
    expect(trainIntentClassifier(tiny, { hiddenLayer: small }).data.hiddenLayer).toBeNull();
  });

  it('leaves the linear model, its temperature and its offsets exactly as without it (its own random stream)', () => {
    const on = trainIntentClassifier(zh20, { hiddenLayer: { ...small, inOffsets: false } }).data;
    const off = trainIntentClassifier(zh20, { hiddenLayer: false }).data;
    expect(on.model.weights).toEqual(off.model.weights);
    expect(on.temperature).toBe(off.temperature);
    expect(on.classOffsets).toEqual(off.classOffsets);
    // Fitted on the averaged probabilities instead, the offsets move.
    const mixed = trainIntentClassifier(zh20, { hiddenLayer: small }).data;
    expect(mixed.classOffsets).not.toEqual(off.classOffsets);
  });
});

// A spaced-script (English) set of 40 examples per intent: the spaced default's minimum.
const en40 = [
  ...cross(
    ['where is ', 'still waiting for ', 'when do i get ', 'has anyone sent ', 'tracking '],
    [
      'my card',
      'the new card',
      'my debit card',
      'the replacement card',
      'my visa',
      'the plastic card',
      'my new visa',
      'the card you sent',
    ],
    'arrival',
  ),
  ...cross(
    ['cancel ', 'undo ', 'stop ', 'reverse ', 'take back '],
    [
      'my transfer',
      'the payment',
      'that transfer',
      'the money i sent',
      'a transfer',
      'my last payment',
      'the wire',
      'this transaction',
    ],
    'cancel',
  ),
  ...cross(
    ['exchange rate for ', 'how much are ', 'convert to ', 'what rate for ', 'price of '],
    ['dollars', 'euros', 'pounds', 'yen', 'francs', 'pesos', 'rupees', 'kroner'],
    'rate',
  ),
];

describe('the default for spaced-script sets (SPACED_SCRIPT_HIDDEN_LAYER)', () => {
  it('trains a member for spaced-script sets of 40 or more examples per intent, none for smaller or unspaced ones', () => {
    const data = trainIntentClassifier(en40).data;
    expect([data.hiddenLayer?.model.hidden, data.hiddenLayer?.weight]).toEqual([64, 0.5]);
    expect(trainIntentClassifier(en40.filter((_, i) => i % 2 === 0)).data.hiddenLayer).toBeNull();
    expect(trainIntentClassifier(zh20).data.hiddenLayer).toBeNull();
    expect(trainIntentClassifier(en40, { hiddenLayer: false }).data.hiddenLayer).toBeNull();
    expect(wantsHiddenLayerMember({ scripts: 'spaced' }, true, 600, 3)).toBeUndefined();
    expect(wantsHiddenLayerMember({ scripts: 'spaced' }, false, 600, 3)).toBeDefined();
  });

  it('leaves the linear model and its temperature as they were, and answers the average', () => {
    const on = trainIntentClassifier(en40).data;
    const off = trainIntentClassifier(en40, { hiddenLayer: false }).data;
    expect(on.model.weights).toEqual(off.model.weights);
    expect(on.temperature).toBe(off.temperature);
    const clf = createIntentClassifier(on);
    const x = clf.features('where is my card');
    const p = new Float64Array(3);
    scoreInto(on.model, x, p);
    softmaxInPlace(p, on.temperature);
    const q = new Float64Array(3);
    hiddenLayerProbabilities(on.hiddenLayer!.model, x, q, new Float64Array(64));
    const got = clf.predict('where is my card');
    const k = on.labels.indexOf(got.intent);
    expect(got.intent).toBe('arrival');
    expect(got.confidence).toBeCloseTo(0.5 * p[k]! + 0.5 * q[k]!, 6);
  });
});

describe('member options given without `scripts`', () => {
  it("adjust the member of the set's own script: a spaced-script set asked for one trains one", () => {
    // They used to merge with the unspaced-script member, so here they silently trained none.
    expect(wantsHiddenLayerMember({ weight: 0.6 }, false, 120, 3)).toEqual({
      ...SPACED_SCRIPT_HIDDEN_LAYER,
      weight: 0.6,
    });
    expect(wantsHiddenLayerMember({ epochs: 10 }, true, 60, 3)).toEqual({
      ...DEFAULT_HIDDEN_LAYER_MEMBER,
      epochs: 10,
    });
    const shipped = trainIntentClassifier(en40).data.hiddenLayer!;
    const asked = trainIntentClassifier(en40, { hiddenLayer: { weight: 0.6 } }).data.hiddenLayer;
    expect(asked?.weight).toBe(0.6);
    expect(asked?.model.input).toEqual(shipped.model.input); // the shipped member, but for its weight
    // A `scripts` given still decides, and the minimum per intent of the set's own member holds.
    expect(wantsHiddenLayerMember({ scripts: 'unspaced', weight: 0.6 }, false, 600, 3)).toBeUndefined();
    expect(wantsHiddenLayerMember({ weight: 0.6 }, false, 119, 3)).toBeUndefined();
  });
});

describe('a classifier with a member', () => {
  it('answers the average of the two members, then the offsets, renormalised', () => {
    const data = trainIntentClassifier(zh20, { hiddenLayer: small, charTable: false }).data;
    const m = data.hiddenLayer!;
    const clf = createIntentClassifier(data);
    const text = '我的卡汇率';
    const linear = new Float64Array(3);
    scoreInto(data.model, clf.features(text), linear);
    softmaxInPlace(linear, data.temperature);
    // The member reads the TF-IDF columns and the character block (at its own weight), not the table.
    const x = clf.features(text);
    const tfidfDim = data.vectorizer.keys.length;
    const charDim = data.charEmbeddings?.dim ?? 0;
    const tail = x.values.length - charDim;
    const input = { indices: x.indices, values: x.values.slice() };
    for (let j = tail; j < x.values.length; j++)
      input.values[j] = ((x.values[j] as number) / data.charEmbeddingWeight) * m.charWeight;
    expect(x.indices[tail]).toBe(tfidfDim);
    const q = new Float64Array(3);
    hiddenLayerProbabilities(m.model, input, q, new Float64Array(m.model.hidden));
    const b = data.classOffsets!;
    const mixed = Array.from(linear, (p, k) => ((1 - m.weight) * p + m.weight * q[k]!) * Math.exp(b[k]!));
    const z = mixed.reduce((a, v) => a + v, 0);
    for (const r of clf.predict(text).ranked)
      expect(r.confidence).toBeCloseTo(mixed[data.labels.indexOf(r.intent)]! / z, 5);
  });

  it('takes example weights as gradient scales: all ones train exactly as none', () => {
    const xs = [0, 1, 2].map((k) => ({ indices: Int32Array.of(k), values: Float32Array.of(1) }));
    const ys = Int32Array.of(0, 1, 2);
    const plain = trainHiddenLayerModel(xs, ys, 3, 3, createRng(4), small);
    const ones = trainHiddenLayerModel(xs, ys, 3, 3, createRng(4), small, Float32Array.of(1, 1, 1));
    expect(ones).toEqual(plain);
    const zeros = trainHiddenLayerModel(xs, ys, 3, 3, createRng(4), small, Float32Array.of(0, 0, 0));
    expect(zeros.output).not.toEqual(plain.output);
  });
});

describe('learning a correction online (feedback) with a member', () => {
  it('moves the member as well, so the answer follows the correction as far as without a member', () => {
    const text = 'where is my card';
    const on = trainIntentClassifier(en40, { minConfidence: 0 });
    const off = trainIntentClassifier(en40, { minConfidence: 0, hiddenLayer: false });
    expect(on.data.hiddenLayer).not.toBeNull();
    for (const clf of [on, off]) {
      expect(clf.predict(text).intent).toBe('arrival');
      expect(clf.learn(text, 'rate')).toBe(true);
    }
    const [withMember, linearOnly] = [on, off].map((clf) => clf.predict(text));
    expect(linearOnly).toMatchObject({ intent: 'rate', confidence: expect.closeTo(1, 3) });
    // Only the linear half learned before: 'rate' at 0.500, a tie with the member's 'arrival'.
    expect(withMember?.intent).toBe('rate');
    expect(withMember?.confidence).toBeGreaterThan(0.95);
  });

  it('steps the member until it gives the corrected class the target, and not at all once it does', () => {
    const data = trainIntentClassifier(zh20, { hiddenLayer: small, charTable: false }).data;
    const m = data.hiddenLayer!.model;
    const x = { indices: Int32Array.from([0, 1]), values: Float32Array.from([0.6, 0.8]) };
    const q = new Float64Array(3);
    const h = new Float64Array(m.hidden);
    hiddenLayerProbabilities(m, x, q, h);
    const y = q.indexOf(Math.min(...q));
    const o = { rate: 0.5, target: 0.9, maxSteps: 20 };
    expect(learnHiddenLayerModel(m, x, y, o)).toBeGreaterThan(0);
    hiddenLayerProbabilities(m, x, q, h);
    expect(q[y]).toBeGreaterThanOrEqual(0.9);
    const before = Float32Array.from(m.output);
    expect(learnHiddenLayerModel(m, x, y, o)).toBe(0);
    expect(m.output).toEqual(before);
  });
});
