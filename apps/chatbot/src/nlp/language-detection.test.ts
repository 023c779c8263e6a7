import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detection.ts';
import { detectMessageLanguage, tryDetectLanguage } from './message-language.ts';

describe('detectLanguage', () => {
  it('tells Chinese from English by script, mixed messages going to the script with most words', () => {
    expect(detectLanguage('我的新卡还没有到', ['en', 'zh'])).toBe('zh');
    expect(detectLanguage('我的visa卡被锁了', ['en', 'zh'])).toBe('zh');
    expect(detectLanguage('how do I say 银行 in Chinese', ['en', 'zh'])).toBe('en');
    expect(detectLanguage('My card has not arrived', ['zh', 'en'])).toBe('en');
  });

  it('tells Latin-script languages apart by their function words', () => {
    expect(detectLanguage('¿Dónde está mi tarjeta?', ['en', 'es'])).toBe('es');
    expect(detectLanguage('Where is my card?', ['es', 'en'])).toBe('en');
  });

  it('tells the scripts written without spaces (Thai, Lao, Khmer, Burmese) and other single-language scripts', () => {
    const declared = ['en', 'th', 'lo', 'km', 'my', 'ka'];
    expect(detectLanguage('บัตรใหม่ยังไม่ได้รับเลย', declared)).toBe('th');
    expect(detectLanguage('ສະບາຍດີ', declared)).toBe('lo');
    expect(detectLanguage('សួស្តី', declared)).toBe('km');
    expect(detectLanguage('မင်္ဂလာပါ', declared)).toBe('my');
    expect(detectLanguage('გამარჯობა', declared)).toBe('ka');
  });

  it('answers in the default (first) language when nothing tells', () => {
    expect(detectLanguage('1234 !!!', ['zh', 'en'])).toBe('zh');
    expect(detectLanguage('Мой счёт', ['en', 'zh'])).toBe('en');
    expect(detectLanguage('我的卡', ['en'])).toBe('en');
  });

  it('prefers Japanese when a message has kana, even with more kanji words than kana ones', () => {
    expect(detectLanguage('カードが届きません', ['zh', 'ja'])).toBe('ja');
    expect(detectLanguage('口座残高確認の方法', ['zh', 'ja'])).toBe('ja');
    expect(detectLanguage('卡没到', ['zh', 'ja'])).toBe('zh');
  });

  it('tells kanji-only Japanese from Chinese by the characters only one of them writes that way', () => {
    // Japanese forms (変, 込, 発) against simplified ones (账, 额, 转), whichever language is declared first.
    for (const languages of [
      ['zh', 'ja'],
      ['ja', 'zh'],
      ['en', 'zh', 'ja'],
    ]) {
      expect(detectLanguage('暗証番号変更', languages)).toBe('ja');
      expect(detectLanguage('振込手数料', languages)).toBe('ja');
      expect(detectLanguage('カード再発行', languages)).toBe('ja');
      expect(detectLanguage('账户余额查询', languages)).toBe('zh');
      expect(detectLanguage('我想转人工', languages)).toBe('zh');
    }
    // 証 is Japanese or traditional Chinese, never simplified: Japanese unless the Chinese declared is traditional.
    expect(detectLanguage('暗証番号', ['zh', 'ja'])).toBe('ja');
    expect(detectLanguage('暗証番号', ['zh-Hant', 'ja'])).toBe('zh-Hant');
    expect(detectLanguage('新卡還沒收到', ['zh-Hant', 'ja'])).toBe('zh-Hant');
    // Characters both write alike tell nothing: the first declared language answers.
    expect(detectLanguage('口座残高照会', ['zh', 'ja'])).toBe('zh');
    expect(detectLanguage('口座残高照会', ['ja', 'zh'])).toBe('ja');
  });
});

describe('detectMessageLanguage', () => {
  const demo = ['en', 'zh', 'es'];

  it('takes kana with its kanji as Japanese, never as Chinese, when Japanese is not declared', () => {
    // Answered from the Chinese knowledge base in Chinese before: the kanji outvoted the kana.
    for (const message of ['カードがまだ届きません', '新しいカードが届かない', '口座残高確認の方法']) {
      expect(detectMessageLanguage(message, demo)).toEqual({ language: 'ja', declared: false });
      expect(tryDetectLanguage(message, demo)).toBeUndefined();
      expect(detectLanguage(message, demo)).toBe('en');
    }
    expect(detectLanguage('新しいカードが届かない', ['zh', 'en'])).toBe('zh');
    expect(detectMessageLanguage('新しいカードが届かない', ['en', 'ja'])).toEqual({
      language: 'ja',
      declared: true,
    });
  });

  it('tells kanji-only Japanese by forms no Chinese character set holds, not by traditional forms', () => {
    expect(detectMessageLanguage('暗証番号変更', demo)).toEqual({ language: 'ja', declared: false });
    expect(detectMessageLanguage('新卡还没收到', demo)).toEqual({ language: 'zh', declared: true });
    // 銀 is traditional Chinese as much as Japanese: a Chinese customer typing it is still answered in Chinese.
    expect(detectMessageLanguage('銀行卡', demo)).toEqual({ language: 'zh', declared: true });
  });

  it('names the language of any script no declared language writes, by the script when its letters and words cannot', () => {
    expect(detectMessageLanguage('카드가 아직 안 왔어요', demo)).toEqual({ language: 'ko', declared: false });
    expect(detectMessageLanguage('Моя карта не пришла', demo)).toEqual({
      language: 'und-Cyrl',
      declared: false,
    });
    // Russian and Ukrainian both write "моя", "карта" and "не"; ة is Arabic's (script-languages.ts).
    expect(detectMessageLanguage('لم تصل بطاقتي', demo)).toEqual({ language: 'ar', declared: false });
    expect(detectMessageLanguage('Η κάρτα μου δεν έφτασε', demo)).toEqual({
      language: 'el',
      declared: false,
    });
    expect(detectMessageLanguage('新卡还没收到', ['en', 'es'])).toEqual({ language: 'zh', declared: false });
  });

  it('gives every other script a language too: Devanagari, Thai, Odia, Tibetan, Thaana and any script not listed', () => {
    // Odia, Tibetan, Thaana, N'Ko and Tifinagh had no entry: nothing told, so no line said the language is not spoken.
    for (const [text, language] of [
      ['मेरा कार्ड अभी तक नहीं आया', 'und-Deva'],
      ['บัตรของฉันยังไม่มา', 'th'],
      ['カードがまだ届きません', 'ja'],
      ['ମୋ କାର୍ଡ ଏପର୍ଯ୍ୟନ୍ତ ଆସିନାହିଁ', 'or'],
      ['ངའི་ཤོག་བྱང་ད་དུང་མ་འབྱོར།', 'und-Tibt'],
      ['އަހަރެންގެ ކާޑު ނާދޭ', 'dv'],
      ['ⵜⴰⴽⴰⵔⴹⴰ ⵉⵏⵓ', 'und-Tfng'],
      ['ߒ ߠߊ߫ ߞߊ߬ߙߊ߲', 'und-Zzzz'],
    ] as const)
      expect(detectMessageLanguage(text, demo), text).toEqual({ language, declared: false });
  });

  it('lets a declared language win a tie of words, and says nothing for digits or emoji', () => {
    expect(detectMessageLanguage('ATM 카드', demo)?.declared).toBe(true);
    expect(detectMessageLanguage('12345678 👍', demo)).toBeUndefined();
    expect(detectMessageLanguage('Моя карта', ['ru'])).toEqual({ language: 'ru', declared: true });
  });

  it('finds an undeclared language for a knowledge base of one language too, which answers in its own', () => {
    expect(detectMessageLanguage('カードがまだ届きません', ['zh'])).toEqual({
      language: 'ja',
      declared: false,
    });
    expect(detectMessageLanguage('新卡还没收到', ['zh'])).toEqual({ language: 'zh', declared: true });
    expect(detectLanguage('カードがまだ届きません', ['zh'])).toBe('zh');
    expect(tryDetectLanguage('12345678', ['zh'])).toBe('zh');
  });
});
