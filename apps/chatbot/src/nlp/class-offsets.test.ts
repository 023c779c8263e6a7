import { describe, expect, it } from 'vitest';
import { fitClassOffsets } from './class-offsets.ts';
import { createIntentClassifier } from './intent-classifier.ts';
import { trainIntentClassifier } from './train-intent-classifier.ts';

// Two classes; the model gives class 0 probability 0.7 on every message, but half the messages are class 1.
const rows = 10;
const logp = new Float64Array(rows * 2);
for (let i = 0; i < rows; i++) {
  logp[i * 2] = Math.log(0.7);
  logp[i * 2 + 1] = Math.log(0.3);
}
const ys = Int32Array.from({ length: rows }, (_, i) => i % 2);

describe('fitClassOffsets', () => {
  it('pulls an over-predicted class down until the held-out rows are matched', () => {
    const b = fitClassOffsets(logp, ys, 2, 0);
    const shifted0 = Math.log(0.7) + (b[0] as number);
    const shifted1 = Math.log(0.3) + (b[1] as number);
    expect(shifted0 - shifted1).toBeCloseTo(0, 2);
    expect(b[0]).toBeLessThan(b[1] as number);
  });

  it('leaves the offsets at zero when the penalty dominates, and when nothing is over-predicted', () => {
    const heavy = fitClassOffsets(logp, ys, 2, 1e6);
    expect(Math.abs(heavy[0] as number)).toBeLessThan(1e-6);
    const even = new Float64Array(rows * 2).fill(Math.log(0.5));
    const none = fitClassOffsets(even, ys, 2, 0.01);
    expect(Math.abs(none[0] as number)).toBeLessThan(1e-6);
  });
});

// An unspaced-script set of 20 examples per intent (the default minimum), and a tiny one of 4.
const cross = (heads: string[], tails: string[], intent: string) =>
  heads.flatMap((h) => tails.map((t) => ({ text: h + t, intent })));
const cards = ['我的卡', '新卡', '银行卡', '信用卡', '借记卡'];
const zh20 = [
  ...cross(cards, ['还没到', '什么时候寄到', '在哪里', '寄出了吗'], 'card_arrival'),
  ...cross(
    ['转账', '汇款', '付款', '这笔转账', '刚才的转账'],
    ['取消', '撤销', '能撤回吗', '退回'],
    'cancel',
  ),
  ...cross(['美元', '欧元', '日元', '英镑', '港币'], ['汇率', '兑换价格', '今天多少', '怎么换'], 'rate'),
];
const tiny = zh20.filter((_, i) => i % 5 === 0);

describe('class offsets in training', () => {
  it('are fitted for an unspaced-script set of 20 examples per intent, the same for the same seed', () => {
    const a = trainIntentClassifier(zh20).data.classOffsets;
    expect(a).toHaveLength(3);
    expect(a?.some((b) => b !== 0)).toBe(true);
    expect(trainIntentClassifier(zh20).data.classOffsets).toEqual(a);
  });

  it('are left out below the minimum size, for spaced scripts and when turned off', () => {
    expect(trainIntentClassifier(tiny).data.classOffsets).toBeNull();
    expect(
      trainIntentClassifier(tiny, { classOffsets: { minExamplesPerIntent: 0 } }).data.classOffsets,
    ).toHaveLength(3);
    expect(trainIntentClassifier(zh20, { classOffsets: false }).data.classOffsets).toBeNull();
    const english = zh20.map((ex, i) => ({
      text: `message number ${i} about ${ex.intent}`,
      intent: ex.intent,
    }));
    expect(trainIntentClassifier(english).data.classOffsets).toBeNull();
    const any = { classOffsets: { scripts: 'any' as const } };
    expect(trainIntentClassifier(english, any).data.classOffsets).toHaveLength(3);
  });

  it('leave the weights as they were: their model draws from a random stream of its own', () => {
    const on = trainIntentClassifier(zh20).data;
    const off = trainIntentClassifier(zh20, { classOffsets: false }).data;
    expect(on.model.weights).toEqual(off.model.weights);
    expect(on.temperature).toBe(off.temperature);
  });

  it('shift the calibrated probabilities before the softmax: zeros change nothing, a large one wins', () => {
    // The linear model alone (a member averages first, then multiplies by exp(b): its test is in intent-classifier).
    const data = trainIntentClassifier(zh20, { classOffsets: false, hiddenLayer: false }).data;
    const plain = createIntentClassifier(data).predict('我的卡还没到');
    const zeros = createIntentClassifier({ ...data, classOffsets: new Float32Array(3) });
    expect(zeros.predict('我的卡还没到')).toEqual(plain);
    const push = Float32Array.from(data.labels, (l) => (l === 'rate' ? 50 : 0));
    const pushed = createIntentClassifier({ ...data, classOffsets: push }).predict('我的卡还没到');
    expect(plain.intent).toBe('card_arrival');
    expect(pushed.intent).toBe('rate');
  });
});
