import { describe, expect, it } from 'vitest';
import { analyzeText, cleanText, tokenize } from './text-cleaning.ts';

describe('cleanText', () => {
  it('lower-cases, straightens curly quotes and expands contractions', () => {
    expect(cleanText("I Can’t see it, it’s gone and I haven't got it")).toBe(
      'i can not see it it is gone and i have not got it',
    );
  });

  it('drops possessive endings and keeps the owner word', () => {
    expect(cleanText("The ATM's screen and my friend's card")).toBe('the atm screen and my friend card');
  });

  it('spells out currency symbols and replaces amounts with one token', () => {
    expect(cleanText('Why was I charged £1,000.50 and $3?')).toBe('why was i charged pound 0 and dollar 0');
  });

  it('folds compatibility characters and collapses line breaks and non-breaking spaces', () => {
    expect(cleanText('ｔｏｐ\u00a0up\nfailed…')).toBe('top up failed');
  });

  it('returns an empty string for punctuation only, and tokenize gives no tokens for it', () => {
    expect(cleanText(' ?!... ')).toBe('');
    expect(tokenize(cleanText(' ?!... '))).toEqual([]);
  });

  it('keeps the letters and digits of every script instead of only ASCII', () => {
    expect(cleanText('我的新卡还没有到')).toBe('我的新卡还没有到');
    expect(cleanText('Мой счёт заблокирован!')).toBe('мой счёт заблокирован');
    expect(cleanText('हिन्दी में बात करें')).toBe('हिन्दी में बात करें');
    expect(cleanText('カードが届きません。')).toBe('カードが届きません');
  });

  it('folds accents of Latin letters by default and keeps them when asked', () => {
    expect(cleanText('¿Dónde está mi tarjeta?')).toBe('donde esta mi tarjeta');
    expect(cleanText('¿Dónde está mi tarjeta?', { accents: 'keep' })).toBe('dónde está mi tarjeta');
    // A mark that makes another letter stays: Japanese voicing, Cyrillic short i.
    expect(cleanText('が й')).toBe('が й');
  });

  it('case-folds beyond toLowerCase (sharp s, final sigma) and unifies full-width forms', () => {
    expect(cleanText('STRASSE Straße')).toBe('strasse strasse');
    expect(cleanText('ΟΔΟΣ οδος')).toBe('οδοσ οδοσ');
    expect(cleanText('我的ＶＩＳＡ卡，余额１２３元！')).toBe('我的visa卡 余额 0 元');
  });
});

describe('tokenize', () => {
  it('segments Chinese and Japanese, which have no spaces, and keeps English words inside them', () => {
    expect(analyzeText('我的visa卡被锁了')).toEqual(['我的', 'visa', '卡', '被', '锁', '了']);
    expect(analyzeText('我的新卡还没有到')).toEqual(['我的', '新', '卡', '还', '没有', '到']);
    expect(analyzeText('カードが届きません')).toContain('カード');
  });

  it('splits spaced scripts at spaces only', () => {
    expect(analyzeText('My card, not yours')).toEqual(['my', 'card', 'not', 'yours']);
  });
});
