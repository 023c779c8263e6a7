import { describe, expect, it } from 'vitest';
import { classifierTokens, punctuationTokens } from './classifier-tokens.ts';
import { decodeClassifier, encodeClassifier } from './classifier-artifact.ts';
import { trainIntentClassifier } from './train-intent-classifier.ts';

describe('punctuationTokens', () => {
  it('gives each distinct mark once and the closing mark, full-width and ASCII alike', () => {
    expect(punctuationTokens('怎么做红烧肉？')).toEqual(['\u0003?', '\u0004?']);
    expect(punctuationTokens('怎么做红烧肉?')).toEqual(['\u0003?', '\u0004?']);
    expect(punctuationTokens('床前明月光，疑是地上霜。')).toEqual(['\u0003,', '\u0003。', '\u0004。']);
    expect(punctuationTokens('where is my card')).toEqual(['\u0004none']);
  });

  it('is appended to the words only when asked for', () => {
    expect(classifierTokens('我的卡呢？')).toEqual(['我的', '卡', '呢']);
    expect(classifierTokens('我的卡呢？', { punctuation: true })).toEqual([
      '我的',
      '卡',
      '呢',
      '\u0003?',
      '\u0004?',
    ]);
  });

  it('lets the classifier tell apart messages whose words are the same, and survives the artifact', () => {
    const examples = [
      ...['红烧肉怎么做？', '鱼香肉丝怎么做？', '宫保鸡丁怎么做？'].map((text) => ({
        text,
        intent: 'cookbook',
      })),
      ...['红烧肉怎么做。', '鱼香肉丝怎么做。', '宫保鸡丁怎么做。'].map((text) => ({
        text,
        intent: 'poetry',
      })),
    ];
    const withMarks = trainIntentClassifier(examples, {
      vectorizer: { punctuation: true },
      calibrationFraction: 0,
    });
    expect(withMarks.predict('麻婆豆腐怎么做？').intent).toBe('cookbook');
    expect(withMarks.predict('麻婆豆腐怎么做。').intent).toBe('poetry');
    const decoded = decodeClassifier(encodeClassifier(withMarks));
    expect(decoded.data.vectorizer.options.punctuation).toBe(true);
    expect(decoded.predict('麻婆豆腐怎么做。').intent).toBe('poetry');
    // Without the option both spellings are one message to the classifier.
    const without = trainIntentClassifier(examples, {
      vectorizer: { punctuation: false },
      calibrationFraction: 0,
    });
    expect(without.predict('麻婆豆腐怎么做？').confidence).toBeCloseTo(
      without.predict('麻婆豆腐怎么做。').confidence,
      6,
    );
  });
});
