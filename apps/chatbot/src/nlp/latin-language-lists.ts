// The Latin-script languages the app tells apart, each one's letters, and the common words of the seven it chooses
// among when a knowledge base declares several (latin-languages.ts). The other languages' common words, which only
// the undeclared-language check reads, are in latin-more-words.ts, out of the console's main bundle.
import { deu, eng, fra, ita, nld, por, spa } from 'stopword';
import { foldAccents } from './text-cleaning.ts';

/**
 * The Latin-script languages (ISO 639-1) of Nito-ELD's database (npm eld 2.1.0), which the n-gram profile of
 * latin-ngram-profile.ts holds, and Indonesian, which eld folds into Malay (`ms`; see latin-undeclared.ts).
 */
export const LATIN_LANGUAGES: readonly string[] = [
  ...['en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'az', 'ca', 'cs', 'da', 'et', 'eu', 'fi', 'hr', 'hu'],
  ...['id', 'is', 'lt', 'lv', 'ms', 'no', 'pl', 'ro', 'sk', 'sl', 'sq', 'sv', 'tl', 'tr', 'vi', 'yo'],
];

/**
 * Words customers write that the `stopword` lists lack, accent-folded as cleaned messages are: Spanish's list has
 * 59 words and none of "hay", "mis", "yo", "tengo" or "hola", so "hay cuota mensual" and "hola" read as English.
 * Only words no other listed language writes, but Spanish "he" ("he perdido mi tarjeta"), which the English list
 * also holds, so that it tells nothing there ("has", "son" and "no" are left out for the same reason).
 */
const MORE_WORDS: Record<string, readonly string[]> = {
  en: [
    'not does doing done why when there yet just am let us mine want need still will ago',
    'hello hi hey thanks thank bye goodbye please cheers yes good morning evening afternoon',
    'its im ive dont doesnt didnt cant isnt',
  ]
    .join(' ')
    .split(' '),
  es: [
    'he ha hemos han hay habia mis tus tu yo si os les esta estoy estan es soy era fue ser estar',
    'tengo tiene tienen puedo puede quiero quisiera necesito hace hacer hago hice',
    'cuanto cuanta cuantos cuando cual cuales quien donde como que porque pero mas ya todavia aun',
    'nada algo alguien nadie ningun ninguna todo toda todos este esto estos esa otra otro',
    'hola gracias adios buenos buenas vale favor usted vosotros dia hoy ayer bien aqui ahora vez veces',
    'mucho muchas sigue sigo',
  ]
    .join(' ')
    .split(' '),
  // Greetings, thanks and question words the lists lack, none written in English or Spanish: they let a short
  // French or Portuguese message outweigh an English word of the knowledge base ("Comment changer mon code PIN ?").
  fr: 'bonjour salut merci beaucoup comment pourquoi voudrais veux peux dois besoin toujours deja encore bonne journee oui'.split(
    ' ',
  ),
  de: 'hallo danke bitte warum mochte konnen kann noch immer guten tschuss ja'.split(' '),
  it: 'ciao grazie buongiorno buonasera perche vorrei posso devo ancora arrivederci'.split(' '),
  pt: 'ola oi obrigado obrigada tchau bom voce nao meu minha ainda quero'.split(' '),
  nl: 'hoi dank bedankt goedemorgen waarom hoe wil graag steeds fijne'.split(' '),
};

/**
 * Letters (besides a-z) and marks each language writes, lower-case: a word holding one is evidence for the
 * languages that write it ("está", "año", "¿"), and an unaccented message tells nothing by its letters.
 */
export const LATIN_LETTERS: Record<string, string> = {
  en: '',
  es: 'áéíóúüñ¿¡',
  fr: 'àâæçéèêëîïôœùûüÿ',
  de: 'äöüß',
  it: 'àèéìíîòóù',
  pt: 'áâãàçéêíóôõú',
  nl: 'áéíóúàèëïöü',
  az: 'çəğıöşü',
  ca: 'àçèéíïòóúü·',
  cs: 'áčďéěíňóřšťúůýž',
  da: 'æøåé',
  et: 'äõöüšž',
  eu: 'ñ',
  fi: 'äöå',
  hr: 'čćđšž',
  hu: 'áéíóöőúüű',
  id: '',
  is: 'áðéíóúýþæö',
  lt: 'ąčęėįšųūž',
  lv: 'āčēģīķļņšūž',
  ms: '',
  no: 'æøåéóòô',
  pl: 'ąćęłńóśźż',
  ro: 'ăâîșşțţ',
  sk: 'áäčďéíĺľňóôŕšťúýž',
  sl: 'čšž',
  sq: 'çë',
  sv: 'åäöé',
  tl: 'ñ',
  tr: 'çğıöşüâîû',
  vi: 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ',
  yo: 'ẹọṣàáèéìíòóùúńḿ',
};

// The `stopword` package's lists of the seven languages the app first told apart.
const STOPWORDS: Record<string, readonly string[]> = {
  ...{ en: eng, es: spa, fr: fra, de: deu, it: ita, pt: por, nl: nld },
};

// The lists, accent-folded like the cleaned words they are matched against ("qué", "más" in the package's list
// matched nothing: cleaning had already made "que", "mas"), built on first use.
let commonWords: Map<string, ReadonlySet<string>> | undefined;

/** Per language of the seven (ISO 639-1), its common words as cleaned messages write them; built on first use. */
export function getCommonWords(): Map<string, ReadonlySet<string>> {
  commonWords ??= foldedLists(STOPWORDS, MORE_WORDS);
  return commonWords;
}

/** Per language, `lists` and `more` of it, lower-cased and accent-folded as cleaned messages are. */
export function foldedLists(
  lists: Record<string, readonly string[]>,
  more: Record<string, readonly string[]> = {},
): Map<string, ReadonlySet<string>> {
  return new Map(
    Object.entries(lists).map(([language, list]) => [
      language,
      new Set([...list, ...(more[language] ?? [])].map((w) => foldAccents(w.toLowerCase()))),
    ]),
  );
}
