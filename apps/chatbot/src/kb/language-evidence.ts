// What a knowledge base's own texts say about the language of a message the script rules cannot place: for a base
// declaring Chinese and Japanese, a character model of its texts in each; for one declaring several languages, the
// Latin-script words each writes. Built once per knowledge base.
import { createHanLanguageModel } from '../nlp/han-language-model.ts';
import {
  chineseOrJapanese,
  detectLanguage,
  primaryLanguage,
  type LanguageEvidence,
} from '../nlp/language-detection.ts';
import type { LatinVocabulary } from '../nlp/latin-languages.ts';
import { cleanText } from '../nlp/text-cleaning.ts';
import { segmentWords } from '../nlp/word-segmentation.ts';
import type { KnowledgeBase } from './knowledge-base.ts';

const KANA = /[\p{sc=Hiragana}\p{sc=Katakana}]/u;
const HAN = /\p{sc=Han}/u;
const LATIN = /\p{sc=Latin}/u;
const NONE: LanguageEvidence = Object.freeze({});

// Per knowledge-base object: the served one is built once and reused for every message.
const cache = new WeakMap<KnowledgeBase, LanguageEvidence>();

/** Every text of the knowledge base, with the language its place declares when it declares one. */
function* textsOf(kb: KnowledgeBase): Generator<{ text: string; declared?: string }> {
  for (const intent of kb.intents) {
    for (const example of intent.examples) yield { text: example };
    yield { text: intent.title };
    yield { text: intent.answer };
    for (const followUp of intent.followUps ?? []) {
      for (const keyword of followUp.keywords) yield { text: keyword };
      yield { text: followUp.answer };
    }
    for (const [language, t] of Object.entries(intent.translations ?? {})) {
      yield { text: t.title, declared: language };
      yield { text: t.answer, declared: language };
    }
  }
}

/**
 * A knowledge base's Han texts in Chinese and in Japanese, or undefined unless it declares both. A merged
 * knowledge base pools its examples and keeps a later language's answers as defaults where the first has none, so
 * every text is placed by the script rules alone (kana, characters only one language writes that way); a
 * translation those leave open counts for the language it is filed under, and any other such text is left out.
 */
export function hanTextsOf(kb: KnowledgeBase): { chinese: string[]; japanese: string[] } | undefined {
  const zh = kb.languages.find((l) => primaryLanguage(l) === 'zh');
  const ja = kb.languages.find((l) => primaryLanguage(l) === 'ja');
  if (zh === undefined || ja === undefined) return undefined;
  const chinese: string[] = [];
  const japanese: string[] = [];
  for (const { text, declared } of textsOf(kb)) {
    if (!HAN.test(text)) continue;
    const language: string | undefined = chineseOrJapanese(text, KANA.test(text), zh, ja) ?? declared;
    if (language === zh) chinese.push(text);
    else if (language === ja) japanese.push(text);
  }
  return { chinese, japanese };
}

/**
 * The Latin-script words of a knowledge base declaring two or more languages, each with the languages whose texts
 * write it: a translation's title and answer count for the language it is filed under, any other text (examples,
 * the default title and answer, follow-ups) for the language the rules without this evidence give it.
 *
 * @example latinVocabularyOf(demo).get('humano') // Set {"es"}
 */
export function latinVocabularyOf(kb: KnowledgeBase): LatinVocabulary | undefined {
  if (kb.languages.length < 2) return undefined;
  const vocabulary = new Map<string, Set<string>>();
  for (const { text, declared } of textsOf(kb)) {
    if (!LATIN.test(text)) continue;
    const language = declared ?? detectLanguage(text, kb.languages);
    for (const word of segmentWords(cleanText(text))) {
      if (!LATIN.test(word)) continue;
      const writers = vocabulary.get(word) ?? new Set<string>();
      writers.add(language);
      vocabulary.set(word, writers);
    }
  }
  return vocabulary;
}

/** The texts and words a knowledge base's evidence is built from, as JSON (stored in its retrieval index). */
export interface LanguageEvidenceData {
  han?: { chinese: string[]; japanese: string[] };
  /** The Latin vocabulary's entries: a word and the languages whose texts write it. */
  latin?: Array<[string, string[]]>;
}

function evidenceOf(
  texts: { chinese: string[]; japanese: string[] } | undefined,
  latin: LatinVocabulary | undefined,
): LanguageEvidence {
  return texts === undefined && latin === undefined
    ? NONE
    : Object.freeze({
        ...(texts && { han: createHanLanguageModel(texts.chinese, texts.japanese) }),
        ...(latin && { latin }),
      });
}

/**
 * The evidence `detectLanguage` takes for messages to `kb`, built once per knowledge base: when it declares
 * Chinese and Japanese, a character and character-pair model of its texts in each ({@link hanTextsOf}); when it
 * declares two or more languages, its Latin-script words and who writes them ({@link latinVocabularyOf}).
 *
 * @example detectLanguage('口座残高照会', kb.languages, getLanguageEvidence(kb)) // "ja" for a zh + ja base
 */
export function getLanguageEvidence(kb: KnowledgeBase): LanguageEvidence {
  let evidence = cache.get(kb);
  if (evidence === undefined) {
    evidence = evidenceOf(hanTextsOf(kb), latinVocabularyOf(kb));
    cache.set(kb, evidence);
  }
  return evidence;
}

/** What {@link getLanguageEvidence} builds `kb`'s evidence from, to store; `kb`'s evidence is cached meanwhile. */
export function languageEvidenceData(kb: KnowledgeBase): LanguageEvidenceData {
  const han = hanTextsOf(kb);
  const latin = latinVocabularyOf(kb);
  if (!cache.has(kb)) cache.set(kb, evidenceOf(han, latin));
  return {
    ...(han && { han }),
    ...(latin && { latin: [...latin].map(([word, writers]) => [word, [...writers]]) }),
  };
}

/**
 * `kb`'s evidence from stored data ({@link languageEvidenceData} of the same knowledge base) instead of its texts:
 * what a cold process does with a published retrieval index. An evidence already built for `kb` is kept.
 */
export function seedLanguageEvidence(kb: KnowledgeBase, data: LanguageEvidenceData): LanguageEvidence {
  let evidence = cache.get(kb);
  if (evidence === undefined) {
    const latin = data.latin && new Map(data.latin.map(([word, writers]) => [word, new Set(writers)]));
    evidence = evidenceOf(data.han, latin);
    cache.set(kb, evidence);
  }
  return evidence;
}
