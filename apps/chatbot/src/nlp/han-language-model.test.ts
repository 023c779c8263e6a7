import { describe, expect, it } from 'vitest';
import { createHanLanguageModel } from './han-language-model.ts';
import { detectLanguage } from './language-detection.ts';

// Tiny texts in each language; "口座残高照会" and "明天的航班" have no character only one language writes that way.
const CHINESE = ['我的银行卡还没到', '我想查一下余额', '明天的还款', '今天的航班信息'];
const JAPANESE = ['口座の残高を確認したい', '海外に送金したい', '残高照会の方法'];

describe('createHanLanguageModel', () => {
  const model = createHanLanguageModel(CHINESE, JAPANESE);

  it("scores a message by the characters and pairs each language's texts hold: Japanese positive, Chinese negative", () => {
    expect(model.score('口座残高照会')).toBeGreaterThan(0);
    expect(model.score('海外送金')).toBeGreaterThan(0);
    expect(model.score('明天的航班')).toBeLessThan(0);
  });

  it('gives no evidence (0) for characters neither language holds, whatever the sizes of the two sets of texts', () => {
    expect(model.score('黄疸')).toBe(0);
    expect(model.score('1234 !!!')).toBe(0);
    expect(createHanLanguageModel([...CHINESE, ...CHINESE, ...CHINESE], JAPANESE).score('黄疸')).toBe(0);
  });

  it('never pairs characters across kana, Latin letters or punctuation', () => {
    const pairs = createHanLanguageModel(['中文'], ['日本']);
    // "文日" is no pair of either text; only the single characters count, one each way.
    expect(pairs.score('文日')).toBeCloseTo(pairs.score('文') + pairs.score('日'), 12);
    expect(pairs.score('日本')).toBeGreaterThan(pairs.score('日') + pairs.score('本'));
    expect(pairs.score('日の本')).toBeCloseTo(pairs.score('日') + pairs.score('本'), 12);
  });

  it('is deterministic: the same texts give the same score, in any order', () => {
    const again = createHanLanguageModel([...CHINESE].reverse(), [...JAPANESE].reverse());
    for (const text of ['口座残高照会', '明天的航班', '海外旅行'])
      expect(again.score(text)).toBe(model.score(text));
  });
});

describe('detectLanguage with the knowledge base texts as evidence', () => {
  const han = createHanLanguageModel(CHINESE, JAPANESE);

  it('places a message whose characters both languages write alike by the texts, whichever is declared first', () => {
    for (const languages of [
      ['zh', 'ja'],
      ['ja', 'zh'],
      ['en', 'ja', 'zh'],
    ]) {
      expect(detectLanguage('口座残高照会', languages, { han })).toBe('ja');
      expect(detectLanguage('海外送金', languages, { han })).toBe('ja');
      expect(detectLanguage('明天的航班', languages, { han })).toBe('zh');
    }
  });

  it('falls back to the first declared language when the texts hold none of the characters', () => {
    expect(detectLanguage('黄疸', ['zh', 'ja'], { han })).toBe('zh');
    expect(detectLanguage('黄疸', ['ja', 'zh'], { han })).toBe('ja');
  });

  it('lets kana and the characters only one language writes that way decide before the texts', () => {
    // Texts that would say the opposite: Chinese texts full of 口座, Japanese ones full of 余.
    const contrary = createHanLanguageModel(['口座口座口座'], ['余余余']);
    expect(detectLanguage('口座を開きたい', ['zh', 'ja'], { han: contrary })).toBe('ja');
    expect(detectLanguage('我想查一下余额', ['ja', 'zh'], { han: contrary })).toBe('zh');
    expect(detectLanguage('暗証番号', ['zh', 'ja'], { han: contrary })).toBe('ja');
  });

  it('changes nothing for other scripts or a knowledge base without both languages', () => {
    expect(detectLanguage('口座残高照会', ['zh', 'en'], { han })).toBe('zh');
    expect(detectLanguage('My card has not arrived', ['zh', 'ja', 'en'], { han })).toBe('en');
  });
});
