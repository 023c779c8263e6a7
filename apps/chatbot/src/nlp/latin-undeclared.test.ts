import { describe, expect, it } from 'vitest';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import { getLanguageEvidence } from '../kb/language-evidence.ts';
import { FIRST_UNDECLARED_LATIN, MORE_UNDECLARED_LATIN } from '../testing/undeclared-latin-samples.ts';
import { detectLanguage } from './language-detection.ts';
import { detectMessageLanguage, tryDetectLanguage } from './message-language.ts';

const demo = getDemoKnowledgeBase();
const evidence = getLanguageEvidence(demo);
const messageLanguage = (text: string, languages = demo.languages) =>
  detectMessageLanguage(text, languages, evidence)?.language;

describe('common Latin-script languages no knowledge base language is', () => {
  it('names French, German, Italian, Portuguese and Dutch sent to the English, Chinese and Spanish demo', () => {
    // Each was taken for English or Spanish: detection only chose among the declared Latin languages.
    for (const [text, language] of FIRST_UNDECLARED_LATIN) {
      expect(detectMessageLanguage(text, demo.languages, evidence), text).toEqual({
        language,
        declared: false,
      });
      expect(tryDetectLanguage(text, demo.languages, evidence), text).toBeUndefined();
    }
  });

  it("names eld's other Latin-script languages too: Polish, Swedish, Turkish, Catalan, Indonesian, Vietnamese ...", () => {
    // Each was answered as English or Spanish without a word: the profile held seven languages.
    for (const [text, language] of MORE_UNDECLARED_LATIN)
      expect(detectMessageLanguage(text, demo.languages, evidence), text).toEqual({
        language,
        declared: false,
      });
  });

  it('names a three-word Italian message by its n-grams when one common word is its only word lead', () => {
    // "ho" is the only Italian common word: below the lead of two, it was answered as Spanish without a word.
    expect(messageLanguage('ho cambiato indirizzo')).toBe('it');
  });

  it('names Norwegian by its own words when the n-grams read it as Danish', () => {
    // eld's n-grams read it as Danish; "hei" and "takk" are Norwegian ("hej", "tak" in Danish).
    expect(messageLanguage('hei, takk for sist')).toBe('no');
  });

  it('keeps two English words that are two common words of another language English ("for god", "went tot")', () => {
    // Among 31 languages' common words, short English pieces read as Danish, Dutch or Portuguese by one word.
    for (const text of ['for god sake', 'wait til', 'went tot', 'do eu', 'plans may', 'mind on']) {
      const found = detectMessageLanguage(text, demo.languages, evidence);
      expect(found === undefined || found.declared, text).toBe(true);
    }
  });

  it("names Swedish, Czech and Slovak that eld's n-grams miss or take for another, not English with Danish words", () => {
    // Yoruba, none, Danish, none, Slovenian: the proposal was kept, or nothing was said.
    for (const [text, language] of [
      ['Hej, kan ni hjälpa mig?', 'sv'],
      ['dekuji moc', 'cs'],
      ['Dobrý den, můžete mi pomoci s objednávkou?', 'cs'],
      ['dakujem pekne', 'sk'],
      ['děkuji za pomoc', 'cs'],
    ] as const)
      expect(messageLanguage(text), text).toBe(language);
    // "store" and "far" are Danish common words; eld proposes Italian.
    expect(detectMessageLanguage('store pretty far', demo.languages, evidence)?.declared).not.toBe(false);
  });

  it('does not tell a customer a near language of the declared one is not spoken (Danish, Malay)', () => {
    // eld's n-grams read this Norwegian as Danish and any Indonesian as Malay.
    expect(detectMessageLanguage('hvordan endrer jeg PIN-koden', ['en', 'no'])?.declared).toBe(true);
    expect(detectMessageLanguage('Kartu saya masih belum datang', ['en', 'id'])).toEqual({
      language: 'id',
      declared: true,
    });
    expect(detectMessageLanguage('Kad saya masih belum sampai', ['en', 'ms'])?.declared).toBe(true);
  });

  it('tells English to a knowledge base that declares other Latin-script languages only', () => {
    expect(messageLanguage('My card has still not arrived', ['fr', 'zh'])).toBe('en');
    expect(messageLanguage('Mi tarjeta todavía no ha llegado', ['fr'])).toBe('es');
  });

  it('keeps English and Spanish, short or mixed with a French word, in their declared language', () => {
    for (const [text, language] of [
      ['I lost my card', 'en'],
      ['card declined', 'en'],
      ['my carte bleue is lost', 'en'],
      ['can I pay at the café with my card?', 'en'],
      ['he perdido mi tarjeta', 'es'],
      ['cancelar mi transferencia', 'es'],
      ['mi tarjeta no funciona en el café', 'es'],
      ['quiero hablar con una persona, merci', 'es'],
      ['hola', 'es'],
    ] as const)
      expect(detectMessageLanguage(text, demo.languages, evidence), text).toEqual({
        language,
        declared: true,
      });
  });

  it('never takes one word for an undeclared language: "merci" or "danke" alone tells too little', () => {
    for (const text of ['merci', 'danke', 'obrigado', 'grazie', 'bedankt']) {
      const found = detectMessageLanguage(text, demo.languages, evidence);
      expect(found === undefined || found.declared, text).toBe(true);
    }
  });

  it('leaves a declared French alone, and tells French to a base of English only', () => {
    expect(messageLanguage("Ma carte n'est toujours pas arrivée", ['en', 'fr'])).toBe('fr');
    expect(detectMessageLanguage("Ma carte n'est toujours pas arrivée", ['en', 'fr'])?.declared).toBe(true);
    expect(messageLanguage('Ich habe meine Karte verloren', ['en'])).toBe('de');
    // Choosing among declared languages is unchanged: detectLanguage still answers in one of them.
    expect(detectLanguage("Ma carte n'est toujours pas arrivée", demo.languages, evidence)).not.toBe('fr');
  });
});
