// The served assistant: knowledge base + intent classifier + retriever, loaded from the model store, trained when missing.
import { ConflictError, NotFoundError } from '@suite/shared/errors';
import type { Db } from '@suite/shared/db';
import { createModelCache, tryReadLatest, type ModelCache, type ModelManifest } from '@suite/shared/models';
import type { ModelStore } from '@suite/shared/models';
import type { SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import type { FaqRetriever } from '../kb/faq-retriever.ts';
import { getDemoKnowledgeBase, type DemoLanguage } from '../kb/demo-knowledge-bases.ts';
import { parseKnowledgeBase, type KnowledgeBase } from '../kb/knowledge-base.ts';
import { knowledgeBaseHash, loadKnowledgeBaseFile } from '../kb/knowledge-base-file.ts';
import { decodeClassifier } from '../nlp/classifier-artifact.ts';
import type { IntentClassifier } from '../nlp/intent-classifier.ts';
import { trainKnowledgeBaseClassifier } from '../kb/worker-training.ts';
import { listFeedback } from '../store/feedback-repository.ts';
import { ensureChatSchema } from '../store/chat-schema.ts';
import { createServedRetrievers, type ServedRetrieversOptions } from './served-retrievers.ts';
import { createTrainingGate } from './training-gate.ts';
/** `signal` stops the training (its worker thread ends) and nothing is published. */
type TrainOptions = { augment?: boolean; seed?: number; signal?: AbortSignal };

export const INTENT_MODEL = 'chatbot-intents';
export const KNOWLEDGE_BASE_MODEL = 'chatbot-kb';

export interface Assistant {
  kb: KnowledgeBase;
  kbHash: string;
  classifier: IntentClassifier;
  modelVersion: string;
  retriever: FaqRetriever;
  encoder: SentenceEncoder | undefined;
}

export interface AssistantDeps {
  db: Db;
  store: ModelStore | (() => ModelStore);
  encoder: () => Promise<SentenceEncoder | undefined>;
  /** KNOWLEDGE_BASE_FILE: used while no knowledge base has been published through the API. */
  knowledgeBaseFile?: string;
  /** DEMO_KNOWLEDGE_BASE: the shipped demo's languages, used when there is neither (default English, Chinese, Spanish). */
  demoLanguages?: readonly DemoLanguage[];
  minConfidence: number;
  refreshIntervalMs?: number;
  /** TRAINING_THREAD: `worker` (default; requests are answered meanwhile) or `main` (on the event loop). */
  trainingThread?: 'worker' | 'main';
  /** The retrieval index worker's heap limits (none by default); past them the index is built on the app thread. */
  indexWorker?: ServedRetrieversOptions['worker'];
}

export interface TrainResult {
  manifest: ModelManifest;
  info: Record<string, unknown>;
}

/** The served knowledge base and where it came from. */
export interface ServedKnowledgeBase {
  kb: KnowledgeBase;
  source: 'api' | 'file' | 'demo';
  version: string | null;
}

interface LoadedIntents {
  classifier: IntentClassifier;
  metadata: Record<string, unknown>;
}

export interface AssistantProvider {
  get(): Promise<Assistant>;
  train(options?: TrainOptions): Promise<TrainResult>;
  knowledgeBase(): Promise<ServedKnowledgeBase>;
  /** Publishes a replacement knowledge base and retrains on it. */
  replaceKnowledgeBase(value: unknown): Promise<TrainResult>;
  /** Serves `latest` of a model at once (after a pin moved it); other instances follow on their refresh. */
  reload(name: string): Promise<unknown>;
}

/** Builds the provider; module-level users go through getChatbot(). */
export function createAssistantProvider(deps: AssistantDeps): AssistantProvider {
  const store = () => (typeof deps.store === 'function' ? deps.store() : deps.store);
  const refresh = deps.refreshIntervalMs === undefined ? {} : { refreshIntervalMs: deps.refreshIntervalMs };
  const intents: ModelCache<LoadedIntents> = createModelCache({
    store,
    label: 'chatbot',
    decode: (bytes, manifest) => ({ classifier: decodeClassifier(bytes), metadata: manifest.metadata }),
    ...refresh,
  });
  const kbs = createModelCache<KnowledgeBase>({
    store,
    label: 'chatbot-kb',
    decode: (bytes) => parseKnowledgeBase(JSON.parse(new TextDecoder().decode(bytes))),
    ...refresh,
  });
  let fallbackKb: Promise<KnowledgeBase> | undefined;
  const training = createTrainingGate<TrainResult>();
  const retrievers = createServedRetrievers({
    store,
    refreshIntervalMs: deps.refreshIntervalMs,
    thread: deps.trainingThread,
    worker: deps.indexWorker,
  });

  async function knowledgeBase(): Promise<ServedKnowledgeBase> {
    try {
      const loaded = await kbs.get(KNOWLEDGE_BASE_MODEL);
      return { kb: loaded.model, source: 'api', version: loaded.version };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    const file = deps.knowledgeBaseFile;
    fallbackKb ??= file
      ? loadKnowledgeBaseFile(file)
      : Promise.resolve(getDemoKnowledgeBase(deps.demoLanguages));
    fallbackKb.catch(() => (fallbackKb = undefined));
    return { kb: await fallbackKb, source: file ? 'file' : 'demo', version: null };
  }

  /** With `servePublished`, losing the publish race to another instance serves its model instead of a 409. */
  async function doTrain(
    { signal, ...options }: TrainOptions = {},
    servePublished = false,
  ): Promise<TrainResult> {
    await ensureChatSchema(deps.db);
    const [{ kb }, encoder, feedback, base] = await Promise.all([
      knowledgeBase(),
      deps.encoder(),
      // Only feedback an admin approved: a suggestion from an anonymous client never trains the model.
      listFeedback(deps.db, 'approved'),
      tryReadLatest(store(), INTENT_MODEL), // a malformed pointer: the publish replaces it
    ]);
    // The knowledge base's retrieval index, in a worker of its own while the classifier trains (when none is published).
    const indexing = retrievers.ensureIndex(kb, knowledgeBaseHash(kb));
    indexing.catch(() => {}); // awaited below; a training that fails first must not leave it unhandled
    const { bytes, info, classifier } = await trainKnowledgeBaseClassifier(kb, feedback, encoder, {
      ...options,
      minConfidence: deps.minConfidence,
      thread: deps.trainingThread,
      signal,
    });
    signal?.throwIfAborted(); // trained on this thread, where a cancel cannot stop it: not published at least
    // The index first: a cold process serving this classifier finds the index of its knowledge base beside it. One
    // that could not be built even on the app thread holds back no classifier: a chat builds it again (and says why).
    await indexing.catch((error: unknown) =>
      console.warn('the retrieval index could not be built; publishing the classifier without it', error),
    );
    signal?.throwIfAborted(); // a cancel while the index was still building: nothing published either
    let manifest: ModelManifest;
    try {
      manifest = await store().publish(INTENT_MODEL, bytes, {
        metadata: info,
        expectedLatest: base?.version ?? null,
      });
    } catch (error) {
      // Another instance published meanwhile. A caller that only needs a model serves theirs (same knowledge
      // base, same data); an admin's job with its own options is told (409) rather than answered with theirs.
      if (!(error instanceof ConflictError) || !servePublished) throw error;
      const theirs = await intents.refresh(INTENT_MODEL);
      return { manifest: (await store().latest(INTENT_MODEL)) as ModelManifest, info: theirs.model.metadata };
    }
    intents.set(INTENT_MODEL, {
      name: INTENT_MODEL,
      version: manifest.version,
      model: { classifier, metadata: info },
      loadMs: 0,
      loadedAt: new Date(),
    });
    return { manifest, info };
  }

  /** An admin's training job: alone on this instance (409 otherwise), and published only on top of what it read. */
  function train(options?: TrainOptions): Promise<TrainResult> {
    return training.exclusive(() => doTrain(options));
  }

  /**
   * Training because no usable model is served: joins a job in flight; its lost race still leaves a model. A joined
   * admin's job that ends without one (cancelled, failed) is followed by a training of its own, once.
   */
  async function trainForServing(retries = 1): Promise<void> {
    let own = false;
    try {
      await training.shared(() => ((own = true), doTrain({}, true)));
    } catch (error) {
      if (error instanceof ConflictError) return;
      if (own || retries === 0) throw error;
      await trainForServing(retries - 1);
    }
  }

  async function loadIntents(kbHash: string, encoder: SentenceEncoder | undefined) {
    let loaded;
    try {
      loaded = await intents.get(INTENT_MODEL);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await trainForServing();
      loaded = await intents.get(INTENT_MODEL);
    }
    // A model from before prompts were applied has no embeddingPrompt: it embedded without one.
    const stale = (m: LoadedIntents) =>
      m.metadata.kbHash !== kbHash ||
      m.classifier.data.embeddingDim !== (encoder?.dim ?? 0) ||
      (encoder !== undefined && (m.metadata.embeddingPrompt ?? '') !== encoder.prompts.query);
    // Another instance may already have trained on this knowledge base: look for its version before training.
    if (stale(loaded.model)) loaded = await intents.refresh(INTENT_MODEL);
    if (stale(loaded.model)) {
      await trainForServing();
      loaded = await intents.get(INTENT_MODEL);
    }
    return loaded;
  }

  return {
    knowledgeBase,
    train,
    reload: (name) => (name === KNOWLEDGE_BASE_MODEL ? kbs.refresh(name) : intents.refresh(name)),
    async get() {
      await ensureChatSchema(deps.db);
      const [{ kb }, encoder] = await Promise.all([knowledgeBase(), deps.encoder()]);
      const kbHash = knowledgeBaseHash(kb);
      const [loaded, retriever] = await Promise.all([
        loadIntents(kbHash, encoder),
        retrievers.get(kb, kbHash, encoder),
      ]);
      return {
        kb,
        kbHash,
        classifier: loaded.model.classifier,
        modelVersion: loaded.version,
        retriever,
        encoder,
      };
    },
    async replaceKnowledgeBase(value) {
      const kb = parseKnowledgeBase(value);
      // The knowledge base is not replaced under a running job, which would then publish a model of the old one.
      return training.exclusive(async () => {
        const manifest = await store().publish(
          KNOWLEDGE_BASE_MODEL,
          new TextEncoder().encode(JSON.stringify(kb)),
          { metadata: { kbHash: knowledgeBaseHash(kb), name: kb.name, intents: kb.intents.length } },
        );
        kbs.set(KNOWLEDGE_BASE_MODEL, {
          name: KNOWLEDGE_BASE_MODEL,
          version: manifest.version,
          model: kb,
          loadMs: 0,
          loadedAt: new Date(),
        });
        // Whichever instance publishes a model now, a stale one is retrained on first use (see loadIntents).
        return doTrain({}, true);
      });
    },
  };
}
