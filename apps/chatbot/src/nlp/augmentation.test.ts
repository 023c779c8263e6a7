import { createRng } from '@suite/shared/ml';
import { describe, expect, it } from 'vitest';
import { createAugmenter } from './augmentation.ts';

const sentence = ['why', 'has', 'my', 'card', 'not', 'arrived', 'yet'];

describe('createAugmenter', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = createAugmenter(createRng(3)).variants(sentence);
    const b = createAugmenter(createRng(3)).variants(sentence);
    const c = createAugmenter(createRng(4)).variants(sentence);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('never returns the input itself and returns distinct variants', () => {
    const variants = createAugmenter(createRng(1), { variantsPerUtterance: 4 }).variants(sentence);
    const keys = variants.map((v) => v.join(' '));
    expect(keys).not.toContain(sentence.join(' '));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('swaps whole phrases for synonyms from the table', () => {
    const aug = createAugmenter(createRng(5), {
      swapProbability: 1,
      deleteProbability: 0,
      insertProbability: 0,
      swapOrderProbability: 0,
    });
    const v = aug.variant(['top', 'up', 'my', 'card']).join(' ');
    expect(v).not.toContain('top up');
    expect(v).toMatch(/^(topup|add money|load money) my (debit card|bank card)$/);
  });

  it('keeps at least one word when deletion removes everything', () => {
    const aug = createAugmenter(createRng(2), { deleteProbability: 1, swapProbability: 0 });
    expect(aug.variant(['refund'])).toHaveLength(1);
  });
});
