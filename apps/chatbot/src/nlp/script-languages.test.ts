import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detection.ts';
import { detectMessageLanguage } from './message-language.ts';
import { tryScriptLanguage, tryUndeclaredScriptLanguage } from './script-languages.ts';

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

describe('a knowledge base declaring one language of a script', () => {
  it('names another language of the script when its letters or words lead (tuning messages of undeclared-names-2.json)', () => {
    // Each was taken for the declared language, with no notice.
    expect(detectMessageLanguage('як змінити пароль', ['ru'])).toEqual({ language: 'uk', declared: false });
    expect(detectMessageLanguage('взеха ми парите два пъти', ['ru'])).toEqual({
      language: 'bg',
      declared: false,
    });
    expect(detectMessageLanguage('дякую, до побачення', ['en', 'ru'])).toEqual({
      language: 'uk',
      declared: false,
    });
    expect(detectMessageLanguage('چطور رمز عبور را عوض کنم', ['ar'])).toEqual({
      language: 'fa',
      declared: false,
    });
  });

  it('keeps the declared language when the undeclared one does not lead by enough', () => {
    // "как" and "да" are Russian and Bulgarian alike; "сам" is Serbian and Russian; "ъ" before "е" is Russian.
    for (const text of ['как да', 'сам не знаю', 'объясните, пожалуйста', 'да, можете'])
      expect(tryUndeclaredScriptLanguage('Cyrl', text, ['ru']), text).toBeUndefined();
  });

  it('names the script when two undeclared languages tie (Serbian and Macedonian "ја", "како")', () => {
    expect(tryUndeclaredScriptLanguage('Cyrl', 'како да ја сменам лозинката', ['ru'])).toBe('und-Cyrl');
  });
});
