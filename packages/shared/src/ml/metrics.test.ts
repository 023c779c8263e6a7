import { describe, expect, it } from 'vitest';
import { accuracy, auprc, auroc, hitRateAtK, macroF1, mae, ndcgAtK, rmse } from './metrics.ts';

describe('regression metrics', () => {
  it('computes RMSE and MAE by hand', () => {
    // errors 0, -2, -3: RMSE = sqrt((0 + 4 + 9) / 3) = sqrt(13/3) = 2.08166599946613 ; MAE = (0 + 2 + 3) / 3
    expect(rmse([1, 2, 3], new Float32Array([1, 4, 6]))).toBeCloseTo(2.0816659994661326, 12);
    expect(mae([1, 2, 3], [1, 4, 6])).toBeCloseTo(5 / 3, 12);
  });

  it('refuses mismatched lengths and answers NaN for no data', () => {
    expect(() => rmse([1], [1, 2])).toThrow(RangeError);
    expect(rmse([], [])).toBeNaN();
  });
});

describe('classification metrics', () => {
  it('computes accuracy', () => {
    // a=a, b=b, c!=b, a!=b -> 2/4
    expect(accuracy(['a', 'b', 'c', 'a'], ['a', 'b', 'b', 'b'])).toBe(0.5);
  });

  it('averages F1 over the union of true and predicted classes, like scikit-learn', () => {
    // pred  [0,0,1,1,2], truth [0,1,1,1,3]
    // class 0: TP1 FP1 FN0 -> 2/(2+1) = 2/3 ; class 1: TP2 FP0 FN1 -> 4/5
    // class 2 (only predicted): TP0 FP1 -> 0 ; class 3 (never predicted): TP0 FN1 -> 0
    // macro = (2/3 + 4/5 + 0 + 0) / 4 = 0.3666...
    expect(macroF1([0, 0, 1, 1, 2], [0, 1, 1, 1, 3])).toBeCloseTo((2 / 3 + 0.8) / 4, 12);
    expect(macroF1(['x', 'y'], ['x', 'y'])).toBe(1);
  });

  it('computes AUROC as the Mann-Whitney statistic', () => {
    // positives 0.35, 0.8 ; negatives 0.1, 0.4 -> pairs won: (0.35>0.1) (0.8>0.1) (0.8>0.4) = 3 of 4
    expect(auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it('counts a tied positive/negative pair as one half in AUROC', () => {
    // positives 0.5, 0.9 ; negatives 0.5, 0.2: pairs 0.5 (tie) + 1 + 1 + 1 = 3.5 of 4 = 0.875
    // (midranks ascending: 0.2 -> 1, 0.5 & 0.5 -> 2.5, 0.9 -> 4 ; (2.5 + 4 - 3) / 4)
    expect(auroc([0.5, 0.5, 0.2, 0.9], [true, false, false, true])).toBeCloseTo(0.875, 12);
    expect(auroc([1, 2], [1, 1])).toBeNaN();
  });

  it('computes average precision as scikit-learn', () => {
    // thresholds 0.8 (+): P=1, R=.5 ; 0.4 (-): R unchanged ; 0.35 (+): P=2/3, R=1 ; 0.1: R unchanged
    // AP = 0.5*1 + 0.5*(2/3) = 0.8333...
    expect(auprc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(5 / 6, 12);
  });

  it('lets tied scores enter average precision together', () => {
    // 0.9 (-): R=0 ; 0.5 group (+,-): TP1 of 3, P=1/3, R=.5 ; 0.1 (+): P=2/4, R=1
    // AP = 0.5*(1/3) + 0.5*(1/2) = 0.41666...
    expect(auprc([0.9, 0.5, 0.5, 0.1], [0, 1, 0, 1])).toBeCloseTo(5 / 12, 12);
    expect(auprc([0.1, 0.2], [0, 0])).toBeNaN();
  });
});

describe('ranking by score', () => {
  it('refuses a NaN score (a diverged model) in AUROC and AUPRC instead of ranking it anywhere', () => {
    expect(() => auroc([0.1, Number.NaN, 0.9, 0.5], [0, 1, 1, 0])).toThrow(/auroc.*NaN/);
    expect(() => auprc([0.1, Number.NaN, 0.9, 0.5], [0, 1, 1, 0])).toThrow(/auprc.*NaN/);
  });
});

describe('ranking metrics', () => {
  const ranked = [[1, 2, 3], new Int32Array([4, 5, 6]), [7, 8]];

  it('computes hit rate at K, leaving out users with nothing relevant', () => {
    const relevant = [new Set([2]), new Set([6]), new Set<number>()];
    // k=2: user 0 hits (2 at rank 2), user 1 misses (6 at rank 3), user 2 left out -> 1/2
    expect(hitRateAtK(ranked, relevant, 2)).toBe(0.5);
    // k=3: both hit -> 1
    expect(hitRateAtK(ranked, relevant, 3)).toBe(1);
    expect(() => hitRateAtK(ranked, relevant, 0)).toThrow(RangeError);
  });

  it('computes NDCG at K with the ideal DCG over min(|relevant|, k)', () => {
    const relevant = [new Set([2, 3]), new Set([4, 10, 11, 12]), new Set<number>()];
    // user 0: DCG = 1/log2(3) + 1/log2(4) = 0.63093 + 0.5 ; IDCG (2 relevant) = 1 + 0.63093 -> 0.693426
    // user 1: DCG = 1/log2(2) = 1 ; IDCG (min(4,3) = 3) = 1 + 0.63093 + 0.5 -> 0.469279
    // mean = 0.5813525648
    expect(ndcgAtK(ranked, relevant, 3)).toBeCloseTo(0.5813525648200136, 12);
    // a perfect list scores 1
    expect(ndcgAtK([[5, 6, 1]], [new Set([5, 6])], 3)).toBe(1);
  });
});
