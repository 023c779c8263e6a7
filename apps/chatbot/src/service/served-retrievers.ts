// The FAQ retriever of the served knowledge base, from the retrieval index published beside the classifier: a cold
// process reads it instead of analysing every text of the knowledge base on its first chat. When none is published
// for this knowledge base (a training on a new one, a store from before indexes), it is built in a worker thread of
// its own, beside the classifier's training rather than after it, and published for the next cold start. A worker
// that fails (cannot start, runs out of memory) costs the event loop that build, not the chat: it is built here.
import { ConflictError, NotFoundError } from '@suite/shared/errors';
import { createModelCache, type ModelCache, type ModelStore } from '@suite/shared/models';
import type { SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import type { FaqRetriever } from '../kb/faq-retriever.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import {
  RETRIEVAL_INDEX_MODEL,
  buildRetrievalIndex,
  createIndexedRetriever,
  decodeRetrievalIndex,
  encodeRetrievalIndex,
  isServableIndex,
  type RetrievalIndex,
} from '../kb/retrieval-index.ts';
import { indexInWorker, type WorkerTrainingOptions } from '../kb/worker-training.ts';

export interface ServedRetrievers {
  /** The retriever of `kb` (whose hash is `hash`), shared by concurrent callers; a failed build is forgotten. */
  get(kb: KnowledgeBase, hash: string, encoder: SentenceEncoder | undefined): Promise<FaqRetriever>;
  /**
   * `kb`'s index once it is published: read, or built (a worker thread) and published when none is published for
   * it; concurrent callers share one build. A training awaits it before publishing its classifier.
   */
  ensureIndex(kb: KnowledgeBase, hash: string): Promise<RetrievalIndex>;
}

export interface ServedRetrieversOptions {
  store: () => ModelStore;
  refreshIntervalMs?: number;
  /** Where an index missing from the store is built: `worker` (default) or `main` (TRAINING_THREAD). */
  thread?: 'worker' | 'main';
  /** The index worker's heap limits; a worker past them (or one that cannot start) leaves the build to this thread. */
  worker?: Pick<WorkerTrainingOptions, 'resourceLimits'>;
  /**
   * Reports a failure to read or publish an index, or to build it in its worker (the retriever is built here and
   * served all the same).
   */
  log?: (message: string, error: unknown) => void;
}

/** @example const retrievers = createServedRetrievers({ store }); await retrievers.get(kb, knowledgeBaseHash(kb), undefined) */
export function createServedRetrievers(options: ServedRetrieversOptions): ServedRetrievers {
  const log = options.log ?? ((message: string, error: unknown) => console.warn(message, error));
  const indexes: ModelCache<RetrievalIndex> = createModelCache({
    store: options.store,
    label: 'chatbot-retrieval',
    decode: (bytes) => decodeRetrievalIndex(bytes),
    ...(options.refreshIntervalMs === undefined ? {} : { refreshIntervalMs: options.refreshIntervalMs }),
  });
  const retrievers = new Map<string, Promise<FaqRetriever>>();
  const building = new Map<string, Promise<RetrievalIndex>>();

  async function published(hash: string): Promise<RetrievalIndex | undefined> {
    try {
      const { model } = await indexes.get(RETRIEVAL_INDEX_MODEL);
      return isServableIndex(model, hash) ? model : undefined;
    } catch (error) {
      if (!(error instanceof NotFoundError)) log('reading the retrieval index failed; building it', error);
      return undefined;
    }
  }

  async function publish(bytes: Uint8Array): Promise<void> {
    const index = decodeRetrievalIndex(bytes);
    const metadata = { kbHash: index.kbHash, analysis: index.analysis, intents: index.documents.length };
    const manifest = await options
      .store()
      .publish(RETRIEVAL_INDEX_MODEL, bytes, { metadata })
      .catch((error: unknown) => {
        // Another instance published meanwhile: theirs is read on the next cold start, this one is served here.
        if (!(error instanceof ConflictError)) throw error;
        return undefined;
      });
    const version = manifest?.version ?? 'unpublished';
    indexes.set(RETRIEVAL_INDEX_MODEL, {
      name: RETRIEVAL_INDEX_MODEL,
      version,
      model: index,
      loadMs: 0,
      loadedAt: new Date(),
    });
  }

  /** In its worker; on this thread (its event loop stalls meanwhile) with TRAINING_THREAD=main or a failed worker. */
  async function analyse(kb: KnowledgeBase, hash: string): Promise<Uint8Array> {
    if (options.thread !== 'main')
      try {
        return await indexInWorker(kb, hash, options.worker);
      } catch (error) {
        log('building the retrieval index in its worker failed; building it on the app thread', error);
      }
    return encodeRetrievalIndex(buildRetrievalIndex(kb, hash));
  }

  async function build(kb: KnowledgeBase, hash: string): Promise<RetrievalIndex> {
    const bytes = await analyse(kb, hash);
    await publish(bytes).catch((error: unknown) => log('publishing the retrieval index failed', error));
    return decodeRetrievalIndex(bytes);
  }

  function ensureIndex(kb: KnowledgeBase, hash: string): Promise<RetrievalIndex> {
    let index = building.get(hash);
    if (index === undefined) {
      index = (async () => (await published(hash)) ?? build(kb, hash))();
      building.set(hash, index);
      const forget = () => building.delete(hash);
      index.then(forget, forget);
    }
    return index;
  }

  return {
    ensureIndex,
    get(kb, hash, encoder) {
      let r = retrievers.get(hash);
      if (r === undefined) {
        r = (async () => {
          // Retrieval is asymmetric, a short message against an entry: entries take the passage prompt, the
          // message the query one (e5's "passage: " / "query: "; one prompt for both when the folder has one).
          const [vectors, index] = await Promise.all([
            encoder?.embed(
              kb.intents.map((i) => `${i.title}. ${i.examples.join('. ')}`),
              'passage',
            ),
            ensureIndex(kb, hash),
          ]);
          return createIndexedRetriever(kb, index, vectors);
        })();
        retrievers.clear();
        retrievers.set(hash, r);
        r.catch(() => retrievers.delete(hash));
      }
      return r;
    },
  };
}
