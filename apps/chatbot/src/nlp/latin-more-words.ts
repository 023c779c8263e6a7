// The common words of every Latin-script language the undeclared-language check may name (latin-undeclared.ts):
// the seven of latin-language-lists.ts and the others of eld's, from the `stopword` package. Only the chat's check
// reads them, so the console's main bundle, which chooses among declared languages, goes without (49 KB of lists).
import * as lists from 'stopword';
import { foldedLists, getCommonWords } from './latin-language-lists.ts';
import type { CommonWords } from './latin-languages.ts';

/**
 * Words the lists lack: what tells Indonesian from Malay, which eld's n-grams do not (it has Malay only): card,
 * money, can, want, not, because.
 */
const MORE_WORDS: Record<string, readonly string[]> = {
  id: 'kartu uang bisa mau nggak gak gimana aja kamu karena bicara'.split(' '),
  ms: 'kad wang boleh mahu nak tak sahaja kerana bercakap macam'.split(' '),
  // Greetings, thanks and spellings each Scandinavian language has and the others' lists lack (Norwegian "takk",
  // "ennå", "uker", "tilbake" against Danish "tak", "endnu", "uger", "tilbage", Swedish "tack").
  no: 'hei takk ennå uker uke gjerne tilbake fått ikkje kjære endre endrer passord hjelp hjelpen hjelpe fortsatt veldig'.split(
    ' ',
  ),
  da: 'tak endnu uger uge gerne tilbage fået blevet kære ændre ændrer adgangskode hjælp hjælpen hjælpe stadig'.split(
    ' ',
  ),
  sv: 'hej tack inte ännu veckor gärna tillbaka fått ändra lösenord hjälp hjälpen hjälpa behöver fortfarande'.split(
    ' ',
  ),
  // Thanks, greetings and verbs of asking each writes (Czech "děkuji", "chci", "jsem"; Slovak "ďakujem", "chcem", "som").
  cs: 'děkuji děkuju díky prosím chci potřebuji potřebuju můžete můžu mám nemám jsem jsme není nemůžu dobrý moc'.split(
    ' ',
  ),
  sk: 'ďakujem ďakujeme prosím chcem potrebujem môžete môžem mám nemám som sme nie nemôžem dobrý deň pekne veľmi'.split(
    ' ',
  ),
};

// Azerbaijani, Icelandic and Albanian have no list. Portuguese adds the Brazilian one to its own (549 words: "estou",
// "foi", "duas", none of them in the other's 106, so Portuguese messages read as Spanish by their common words).
const STOPWORDS: Record<string, readonly string[]> = {
  ...{ ca: lists.cat, cs: lists.ces, da: lists.dan, et: lists.est, eu: lists.eus, fi: lists.fin },
  ...{ hr: lists.hrv, hu: lists.hun, id: lists.ind, lt: lists.lit, lv: lists.lav, ms: lists.msa },
  ...{ no: lists.nob, pl: lists.pol, ro: lists.ron, sk: lists.slk, sl: lists.slv, sv: lists.swe },
  ...{ tl: lists.tgl, tr: lists.tur, vi: lists.vie, yo: lists.yor, pt: lists.porBr },
};

// Each language's set is built the first time a message asks for it (folding 31 lists at once took a cold process
// about 3 ms of CPU).
const folded = new Map<string, ReadonlySet<string> | undefined>();

function foldedOf(language: string): ReadonlySet<string> | undefined {
  if (!folded.has(language)) {
    const base = getCommonWords().get(language);
    const list = STOPWORDS[language];
    const more = list === undefined ? undefined : foldedLists({ [language]: list }, MORE_WORDS).get(language);
    folded.set(language, more === undefined ? base : new Set([...(base ?? []), ...more]));
  }
  return folded.get(language);
}

const ALL: CommonWords = { get: foldedOf };

/** Per Latin-script language with a list, its common words as cleaned messages write them; each built on first use. */
export function getAllCommonWords(): CommonWords {
  return ALL;
}
