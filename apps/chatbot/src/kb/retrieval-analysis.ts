// What a retrieval index holds (each intent's terms, the language evidence) and the key of the analysis that produced
// it. The analysis is fingerprinted by running it on a fixed probe knowledge base: a change to cleaning,
// segmentation, stemming, stop words, language detection, a stemmer package or the index's layout that shows on the
// probe changes the digest. Running the probe costs a cold process 0.2-0.5 s of CPU (it loads every script's tables,
// which an English first chat never does), so the digest is committed and checked by retrieval-analysis.test.ts,
// which fails naming the new one; Node's Unicode and ICU versions, which differ between the tests' Node and a
// deployed one, enter the key at run time.
import { createHash } from 'node:crypto';
import { termRulesFor, type TermRules } from '../nlp/language-terms.ts';
import { indexFaqDocuments, type FaqDocument } from './faq-retriever.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { languageEvidenceData, type LanguageEvidenceData } from './language-evidence.ts';

/** The analysed part of a retrieval index. */
export interface RetrievalAnalysis {
  /** One per intent, in the knowledge base's order. */
  documents: FaqDocument[];
  evidence: LanguageEvidenceData;
}

/** Analyses every text of `kb` once: the intents' documents and the language evidence. */
export function analyseForRetrieval(
  kb: KnowledgeBase,
  rules: TermRules = termRulesFor(kb.languages),
): RetrievalAnalysis {
  const evidence = languageEvidenceData(kb); // first: the documents' language detection uses it
  return { documents: indexFaqDocuments(kb, rules), evidence };
}

// Each step of the analysis on a few words: case, accents, apostrophes, full-width forms, digits, emoji and
// addresses; Porter's and Snowball's suffixes; the segmenter on Chinese and Japanese; the language rules on the
// demo's languages and their neighbours (a text no declared language writes is placed all the same).
const PROBE_TEXTS = [
  'My new card hasn’t arrived yet — where is it? I’m WAITING!!',
  'How do I reset my PIN? I forgot it, running out of connections and happiness',
  'Transfer fees: limits & charges (2024) at user@example.com or https://example.com/x?y=1 #help 😀',
  'CAFÉ crème, naïve façade, ＡＢＣ１２３ full-width',
  '¿Dónde está mi tarjeta nueva? Quiero recargar, recargo y recarga las tarjetas',
  'quiero hablar con un humano, por favor',
  'Ma carte n’est toujours pas arrivée',
  'Meine Karte ist noch nicht angekommen',
  '新卡还没收到，我的卡丢了怎么办？',
  '口座残高照会、カードが届きません。',
  '카드가 도착하지 않았어요',
  'Моя карта не пришла',
] as const;

/** A knowledge base in `languages` whose texts are the probe's, each in one place (example, title, answer, ...). */
function probeKnowledgeBase(languages: readonly string[]): KnowledgeBase {
  const text = (i: number) => PROBE_TEXTS[i % PROBE_TEXTS.length] as string;
  const intents = [0, 4, 8].map((first, n) => ({
    id: `probe_${n}`,
    title: text(first),
    examples: [text(first + 1)],
    answer: text(first + 2),
    followUps: [{ keywords: [text(first + 3).split(' ')[0] as string], answer: text(first + 3) }],
    translations: Object.fromEntries(
      languages.slice(1).map((l, j) => [l, { title: text(first + j + 1), answer: text(first + j + 2) }]),
    ),
  }));
  return { name: 'probe', version: '1', languages: [...languages], intents };
}

/** Every language whose rules differ: Porter and Snowball stemmers, the Han model of Chinese and Japanese. */
const PROBE_LANGUAGES = ['en', 'zh', 'es', 'ja', 'fr', 'de'] as const;

/** The probe's digest with this code: {@link probeDigest} as retrieval-analysis.test.ts checks it. */
export const ANALYSIS_PROBE_DIGEST = '49c56e97898f18c7';

/**
 * The digest of `analyse` run on the probe knowledge base (every text of the probe through every step).
 *
 * @example probeDigest() === ANALYSIS_PROBE_DIGEST // true until the analysis changes
 */
export function probeDigest(analyse: (kb: KnowledgeBase) => RetrievalAnalysis = analyseForRetrieval): string {
  const probe = JSON.stringify(analyse(probeKnowledgeBase(PROBE_LANGUAGES)));
  return createHash('sha256').update(probe).digest('hex').slice(0, 16);
}

/**
 * The key of the analysis an index is built by and served with: the probe's digest, and the Unicode and ICU data
 * this process normalises, segments and matches scripts with.
 *
 * @example retrievalAnalysisKey() // "9c1e…"
 */
export function retrievalAnalysisKey(
  digest: string = ANALYSIS_PROBE_DIGEST,
  versions: Readonly<Record<string, string | undefined>> = process.versions,
): string {
  const key = JSON.stringify([digest, versions['unicode'] ?? null, versions['icu'] ?? null]);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
