// The FAQ retriever of the served knowledge base: built once per knowledge base (by its hash), the last one kept.
import type { SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import { createFaqRetriever, type FaqRetriever } from '../kb/faq-retriever.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';

/** The retriever of `kb` (whose hash is `hash`), shared by concurrent callers; a failed build is forgotten. */
export type ServedRetrievers = (
  kb: KnowledgeBase,
  hash: string,
  encoder: SentenceEncoder | undefined,
) => Promise<FaqRetriever>;

/** @example const retrieverFor = createServedRetrievers(); await retrieverFor(kb, knowledgeBaseHash(kb), undefined) */
export function createServedRetrievers(): ServedRetrievers {
  const retrievers = new Map<string, Promise<FaqRetriever>>();
  return (kb, hash, encoder) => {
    let r = retrievers.get(hash);
    if (r === undefined) {
      r = (async () => {
        // Retrieval is asymmetric, a short message against an entry: entries take the passage prompt, the
        // message the query one (e5's "passage: " / "query: "; one prompt for both when the folder has one).
        const vectors = encoder
          ? await encoder.embed(
              kb.intents.map((i) => `${i.title}. ${i.examples.join('. ')}`),
              'passage',
            )
          : undefined;
        return createFaqRetriever(kb, vectors);
      })();
      retrievers.clear();
      retrievers.set(hash, r);
      r.catch(() => retrievers.delete(hash));
    }
    return r;
  };
}
