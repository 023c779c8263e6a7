import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detection.ts';

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

  it('answers in the default (first) language when nothing tells', () => {
    expect(detectLanguage('1234 !!!', ['zh', 'en'])).toBe('zh');
    expect(detectLanguage('Мой счёт', ['en', 'zh'])).toBe('en');
    expect(detectLanguage('我的卡', ['en'])).toBe('en');
  });

  it('prefers Japanese when a message has kana', () => {
    expect(detectLanguage('カードが届きません', ['zh', 'ja'])).toBe('ja');
    expect(detectLanguage('卡没到', ['zh', 'ja'])).toBe('zh');
  });
});
