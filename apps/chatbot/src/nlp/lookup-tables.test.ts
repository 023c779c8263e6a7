import { createRng } from '@suite/shared/ml';
import { describe, expect, it } from 'vitest';
import { decodeClassifier, encodeClassifier } from './classifier-artifact.ts';
import { classifierTokens, tokenOptionsOf } from './classifier-tokens.ts';
import { createLookupMatcher, normalizeLookupText } from './lookup-tables.ts';
import { trainIntentClassifier } from './train-intent-classifier.ts';

const L = '\u0005';

describe('createLookupMatcher', () => {
  const matcher = createLookupMatcher({
    app: ['微信', '微信读书', 'QQ', 'App Store'],
    tv_channel: ['CCTV-5', '湖南卫视'],
    website: ['QQ'],
  });

  it('marks each list an entry of the message belongs to, longest entry first', () => {
    expect(matcher.tokens('帮我打开微信读书吧')).toEqual([`${L}list:app`]);
    expect(matcher.tokens('我想看湖南卫视')).toEqual([`${L}list:tv_channel`]);
    expect(matcher.tokens('今天天气')).toEqual([]);
  });

  it('marks every list of an entry two lists share', () => {
    expect(matcher.tokens('登录qq')).toEqual([`${L}list:app`, `${L}list:website`]);
  });

  it('matches case, width and punctuation loosely, Latin entries only as whole words', () => {
    expect(matcher.tokens('ＣＣＴＶ５')).toEqual([]);
    expect(matcher.tokens('看cctv 5')).toEqual([`${L}list:tv_channel`]);
    expect(matcher.tokens('打开app-store')).toEqual([`${L}list:app`]);
    expect(matcher.tokens('qqq')).toEqual([]);
    expect(matcher.tokens('qq号')).toContain(`${L}list:app`);
  });

  it('treats accented Latin letters as word letters, as for "qq" in "qqq"', () => {
    const places = createLookupMatcher({ city: ['Málaga', 'café', 'Soho'] });
    expect(places.tokens('vuelo a Málaga')).toEqual([`${L}list:city`]);
    expect(places.tokens('dos cafés')).toEqual([]);
    expect(places.tokens('málagaño')).toEqual([]);
    expect(places.tokens('sohoé')).toEqual([]);
    expect(places.tokens('àsoho')).toEqual([]);
    expect(places.tokens('soho店')).toEqual([`${L}list:city`]);
  });

  it('gives a list one token however many of its entries the message holds', () => {
    expect(matcher.tokens('CCTV-5 湖南卫视 微信！')).toEqual([`${L}list:app`, `${L}list:tv_channel`]);
  });

  it('finds what the slice-per-length matcher it replaced found (random entries and messages)', () => {
    // The matcher before the trie: at each position every length, longest first; the lists of the entry taken.
    const reference = (tables: Record<string, string[]>, text: string) => {
      const lists = new Map<string, Set<string>>();
      for (const [name, entries] of Object.entries(tables))
        for (const e of entries.map(normalizeLookupText).filter((x) => x !== ''))
          lists.set(e, (lists.get(e) ?? new Set()).add(name));
      const latin = (ch: string | undefined) => ch !== undefined && /[\p{Script=Latin}0-9]/u.test(ch);
      const bounded = (s: string, i: number, n: number) =>
        !(latin(s[i]) && latin(s[i - 1])) && !(latin(s[i + n - 1]) && latin(s[i + n]));
      const s = normalizeLookupText(text);
      const found = new Set<string>();
      let i = 0;
      while (i < s.length) {
        let step = 1;
        for (let n = s.length - i; n > 0; n--) {
          const hit = lists.get(s.slice(i, i + n));
          if (hit === undefined || !bounded(s, i, n)) continue;
          for (const name of hit) found.add(`${L}list:${name}`);
          step = n;
          break;
        }
        i += step;
      }
      return [...found].sort();
    };
    const rng = createRng(7);
    const alphabet = ['a', 'b', 'é', '甲', '乙', ' ', '-', '𠮷', '1'];
    const word = (max: number) =>
      Array.from({ length: 1 + rng.nextInt(max) }, () => alphabet[rng.nextInt(alphabet.length)]).join('');
    for (let round = 0; round < 500; round++) {
      const tables = { x: [word(4), word(4), word(3)], y: [word(4), word(2)] };
      const text = word(16);
      const tokens = createLookupMatcher(tables).tokens(text);
      expect(tokens, `${JSON.stringify(tables)} in ${JSON.stringify(text)}`).toEqual(reference(tables, text));
    }
  });

  it('normalises entries and messages alike', () => {
    expect(normalizeLookupText('  CCTV－1！ ')).toBe('cctv 1');
  });
});

describe('lookup tables in the classifier', () => {
  it('leaves the tokens as they were without tables', () => {
    expect(classifierTokens('打开微信', tokenOptionsOf({}))).toEqual(classifierTokens('打开微信'));
    expect(tokenOptionsOf({ lookupTables: {} }).lookup).toBeUndefined();
  });

  it('lets a bare name no example held reach its intent, and survives the artifact', () => {
    const examples = [
      ...['打开微信', '帮我打开支付宝', '启动淘宝'].map((text) => ({ text, intent: 'app' })),
      ...['我要看湖南卫视', '打开浙江卫视', '切换到东方卫视'].map((text) => ({ text, intent: 'tvchannel' })),
    ];
    const lookupTables = {
      app: ['微信', '支付宝', '淘宝', '钉钉'],
      tv: ['湖南卫视', '浙江卫视', '东方卫视', '翡翠台'],
    };
    const options = { vectorizer: { lookupTables }, calibrationFraction: 0, classOffsets: false } as const;
    const clf = trainIntentClassifier(examples, options);
    expect(clf.predict('钉钉').intent).toBe('app');
    expect(clf.predict('翡翠台').intent).toBe('tvchannel');
    const decoded = decodeClassifier(encodeClassifier(clf));
    expect(decoded.predict('钉钉')).toEqual(clf.predict('钉钉'));
    expect(decoded.data.vectorizer.options.lookupTables).toEqual(lookupTables);
  });
});
