import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detection.ts';
import { detectMessageLanguage } from './message-language.ts';
import { tryScriptLanguage } from './script-languages.ts';

const demo = ['en', 'zh', 'es'];

// Messages of the tuning half of bench/fixtures/undeclared-names.json (the held-out half is the bench's alone).
const NAMED: ReadonlyArray<[string, string]> = [
  ['я потерял карту, что мне делать?', 'ru'],
  ['Моя картка досі не прийшла', 'uk'],
  ['загубих си картата, какво да правя?', 'bg'],
  ['изгубио сам картицу, шта да радим?', 'sr'],
  ['я згубіў картку, што рабіць?', 'be'],
  ['сакам да зборувам со оператор', 'mk'],
  ['Менің картам әлі келген жоқ', 'kk'],
  ['فقدت بطاقتي، ماذا أفعل؟', 'ar'],
  ['کارتم را گم کردم، چه کار کنم؟', 'fa'],
  ['میرا کارڈ ابھی تک نہیں آیا', 'ur'],
];

describe('Cyrillic and Arabic-script messages in a language no knowledge base language is', () => {
  it('names the language, not only the script (Ukrainian, Serbian, Kazakh, Persian, Urdu ...)', () => {
    // Each was "und-Cyrl" or "und-Arab": the notice said "your language".
    for (const [text, language] of NAMED)
      expect(detectMessageLanguage(text, demo), text).toEqual({ language, declared: false });
  });

  it('names the script when nothing tells its languages apart', () => {
    expect(detectMessageLanguage('ПИН', demo)).toEqual({ language: 'und-Cyrl', declared: false });
    // Russian and Bulgarian both write "как" and "да".
    expect(tryScriptLanguage('Cyrl', 'как да')).toBeUndefined();
    expect(tryScriptLanguage('Latn', 'как да')).toBeUndefined();
  });

  it('takes a word with a letter a language never writes as evidence against it', () => {
    // "моя" is Russian and Ukrainian alike; "досі" has і, which Russian does not write.
    expect(tryScriptLanguage('Cyrl', 'моя досі')).toBe('uk');
    expect(tryScriptLanguage('Cyrl', 'моя карта')).toBeUndefined();
  });
});

describe('several declared languages of one script', () => {
  it('answers a Ukrainian customer of a Russian and Ukrainian knowledge base in Ukrainian', () => {
    // The first declared language of the script was always chosen.
    expect(detectLanguage('Моя картка досі не прийшла', ['ru', 'uk'])).toBe('uk');
    expect(detectLanguage('Моя карта до сих пор не пришла', ['ru', 'uk'])).toBe('ru');
    expect(detectLanguage('میرا کارڈ ابھی تک نہیں آیا', ['fa', 'ur'])).toBe('ur');
  });
});
