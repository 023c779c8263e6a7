// English stemming and stop words for FAQ retrieval: today's hand-written suffix list against npm libraries.
// Usage: tsx bench/retrieval-stemming.ts [train.csv] [test.csv]
// Each intent of the training file is one document (its examples); each test message is a query; top-1 and
// top-3 accuracy of BM25 (the retriever the app uses) is printed per variant.
import { stemmer as porter } from 'stemmer';
import { stemmer as orama } from '@orama/stemmers/english';
import { eng } from 'stopword';
import { createFaqRetriever } from '../src/kb/faq-retriever.ts';
import type { KnowledgeBase } from '../src/kb/knowledge-base.ts';
import { datasetName, intentFilesFromArgs, readIntentCsv, report } from './intent-data.ts';

// The rules the retriever used before this comparison, kept here to be measured against.
const HAND_STOP_WORDS: ReadonlySet<string> = new Set(
  'a an the i me my you your is are was were be been am do does did to of in on at for and or it this that with can could would will how what why when where please have has not 0'.split(
    ' ',
  ),
);
function handStem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ['ing', 'ed', 'es', 'en', 'ly', 's', 'e']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}

const files = intentFilesFromArgs();
const train = readIntentCsv(files.train);
const test = readIntentCsv(files.test);
const byIntent = new Map<string, string[]>();
for (const r of train) byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), r.text]);
// Full: every training example; 10-shot: the first ten per intent, the size of a hand-written knowledge base.
const kbOf = (shots: number): KnowledgeBase => ({
  name: 'bench',
  version: '1',
  languages: ['en'],
  intents: [...byIntent].map(([id, examples]) => ({
    id,
    title: id.replace(/_/g, ' '),
    examples: examples.slice(0, shots),
    answer: '-',
  })),
});
const identity = (w: string) => w;
const variants = {
  'no stemming, no stop words': { stem: identity, stopWords: new Set<string>() },
  'hand-written suffix list + hand stop words (before)': { stem: handStem, stopWords: HAND_STOP_WORDS },
  'stemmer (Porter) + hand stop words': { stem: porter, stopWords: HAND_STOP_WORDS },
  '@orama/stemmers english + hand stop words': { stem: orama, stopWords: HAND_STOP_WORDS },
  'stemmer (Porter) + stopword eng list': { stem: porter, stopWords: new Set(eng) },
  'hand-written suffix list + stopword eng list': { stem: handStem, stopWords: new Set(eng) },
  'stemmer (Porter), no stop words': { stem: porter, stopWords: new Set<string>() },
  'hand-written suffix list, no stop words': { stem: handStem, stopWords: new Set<string>() },
  'no stemming, hand stop words': { stem: identity, stopWords: HAND_STOP_WORDS },
};
for (const [shots, [variant, terms]] of [Infinity, 10].flatMap((k) =>
  Object.entries(variants).map((v) => [k, v] as const),
)) {
  const retriever = createFaqRetriever(kbOf(shots), undefined, { terms });
  let top1 = 0;
  let top3 = 0;
  for (const row of test) {
    const hits = retriever.search(row.text, { k: 3 });
    if (hits[0]?.id === row.intent) top1++;
    if (hits.some((h) => h.id === row.intent)) top3++;
  }
  report({
    bench: 'chatbot.retrieval',
    dataset: datasetName(files.train),
    variant,
    documents: shots === Infinity ? 'all examples' : `${shots} examples per intent`,
    queries: test.length,
    top1: Number((top1 / test.length).toFixed(4)),
    top3: Number((top3 / test.length).toFixed(4)),
  });
}
