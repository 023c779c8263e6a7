import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detection.ts';

describe('Latin-script languages', () => {
  it('tells Spanish by the words customers type, with or without accents, whichever language is first', () => {
    for (const declared of [
      ['en', 'es'],
      ['es', 'en'],
      ['en', 'zh', 'es'],
    ]) {
      expect(detectLanguage('¿Dónde está mi tarjeta?', declared)).toBe('es');
      expect(detectLanguage('donde esta mi tarjeta', declared)).toBe('es');
      expect(detectLanguage('he perdido mi tarjeta', declared)).toBe('es');
      expect(detectLanguage('hay cuota mensual', declared)).toBe('es');
      expect(detectLanguage('hola', declared)).toBe('es');
      expect(detectLanguage('vale, gracias', declared)).toBe('es');
      expect(detectLanguage('Where is my card?', declared)).toBe('en');
      expect(detectLanguage('My card has not arrived', declared)).toBe('en');
      expect(detectLanguage('hello', declared)).toBe('en');
    }
  });

  it('matches the accented words of the stop-word lists against cleaned (accent-folded) messages', () => {
    // "también" is in the `stopword` Spanish list, "você" and "já" in the Portuguese one; cleaning folds accents.
    expect(detectLanguage('tambien', ['en', 'es'])).toBe('es');
    expect(detectLanguage('voce ja recebeu', ['en', 'pt'])).toBe('pt');
  });

  it('counts ¿, ¡, ñ and accents for the languages that write them, not for languages that all do', () => {
    expect(detectLanguage('¿tarjeta?', ['en', 'es'])).toBe('es');
    expect(detectLanguage('¡Gracias!', ['en', 'es'])).toBe('es');
    expect(detectLanguage('pequeño problema', ['en', 'es'])).toBe('es');
    expect(detectLanguage('Cuál límite', ['en', 'es'])).toBe('es');
    // "é" is written in French and Spanish alike: the first declared keeps an otherwise silent message.
    expect(detectLanguage('café', ['fr', 'es'])).toBe('fr');
    expect(detectLanguage('café', ['es', 'fr'])).toBe('es');
  });

  it('breaks a tie of words and letters by the shape of the words, the default keeping small leads', () => {
    expect(detectLanguage('pago fraudulento', ['en', 'es'])).toBe('es');
    expect(detectLanguage('undo a transfer', ['en', 'es'])).toBe('en');
    expect(detectLanguage('card declined', ['en', 'es'])).toBe('en');
    expect(detectLanguage('card declined', ['es', 'en'])).toBe('es');
    expect(detectLanguage('declined pending transferring', ['es', 'en'])).toBe('en');
  });

  it("breaks a tie by the knowledge base's own words: a word only one tied language writes tells", () => {
    const vocabulary = new Map([
      ['humano', new Set(['es'])],
      ['human', new Set(['en'])],
      ['app', new Set(['en', 'es'])],
    ]);
    for (const declared of [
      ['en', 'es'],
      ['en', 'zh', 'es'],
    ]) {
      // One word has no common word, letter or shape to go by: without the vocabulary it is the first declared.
      expect(detectLanguage('humano', declared)).toBe('en');
      expect(detectLanguage('humano', declared, { latin: vocabulary })).toBe('es');
      expect(detectLanguage('human', ['es', 'en'], { latin: vocabulary })).toBe('en');
      // A word both write, or one neither does, tells nothing; the vocabulary never overrides a lead.
      expect(detectLanguage('app', ['es', 'en'], { latin: vocabulary })).toBe('es');
      expect(detectLanguage('quantum', declared, { latin: vocabulary })).toBe('en');
      expect(detectLanguage('the humano', declared, { latin: vocabulary })).toBe('en');
    }
  });
});
