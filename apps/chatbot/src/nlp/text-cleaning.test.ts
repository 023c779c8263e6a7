import { describe, expect, it } from 'vitest';
import { cleanText, tokenize } from './text-cleaning.ts';

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
});
