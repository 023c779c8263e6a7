// The inference service: the one object handlers call. It owns schema readiness, publishing (a model that does not
// load is refused), and the rule that every request is checked against the signature before the runtime; the
// version listing and pins are version-pins.ts's.
import { getSharedConfig } from '@suite/shared/config';
import { getDb, type Db } from '@suite/shared/db';
import { getModelStore, type ModelStore } from '@suite/shared/models';
import { recordPrediction } from '@suite/shared/telemetry';
import { getInferenceConfig, type InferenceConfig } from '../config/inference-config.ts';
import { predictionsFrom, tensorsFromInstances } from '../protocol/instances.ts';
import {
  tensorsFromV2,
  v2Metadata,
  v2Outputs,
  type V2InputTensor,
  type V2OutputTensor,
} from '../protocol/open-inference.ts';
import { loadOnnxModel } from '../runtime/onnx-model.ts';
import { ensureInferenceSchema } from '../store/inference-schema.ts';
import { getPin } from '../store/pin-repository.ts';
import type { UploadStaging } from '../uploads/upload-staging.ts';
import {
  createModelUploads,
  getUploadStaging,
  uploadsNeedBlobStore,
  type UploadOffer,
} from './model-uploads.ts';
import { createServedModels } from './served-models.ts';
import { storeVersion } from './store-version.ts';
import {
  createVersionPins,
  type ModelSummary,
  type PublishedVersion,
  type VersionListing,
} from './version-pins.ts';

export type { ModelSummary, PublishedVersion, VersionListing };

export interface InferRequest {
  id?: string;
  inputs: V2InputTensor[];
  outputs?: { name: string }[];
}

export interface Inference {
  readonly config: InferenceConfig;
  /** Loads the bytes (400 when ONNX Runtime cannot), reads the signature, stores the version and serves it. */
  publish(name: string, bytes: Uint8Array, metadata: Record<string, unknown>): Promise<PublishedVersion>;
  /** A short-lived URL to upload a model too large for the body (MODEL_STORE=blob; 409 otherwise). */
  offerUpload(name: string): Promise<UploadOffer>;
  /** Publishes what was uploaded under `uploadId` as {@link publish} does, then deletes the upload. */
  publishUpload(name: string, uploadId: string, metadata: Record<string, unknown>): Promise<PublishedVersion>;
  /** Deletes an upload that will not be published (cancelled); nothing was published from it. */
  discardUpload(name: string, uploadId: string): Promise<void>;
  /** Every published model: what serves and its signature (the console's list). */
  models(): Promise<ModelSummary[]>;
  /** How large a model each way of publishing takes, so a client picks the way before it sends the bytes. */
  publishLimits(): PublishLimits;
  versions(name: string): Promise<VersionListing>;
  /** Serve `version` instead of the latest (404 for a version never published). */
  pin(name: string, version: string): Promise<VersionListing>;
  unpin(name: string): Promise<VersionListing>;
  predict(
    name: string,
    instances: unknown[],
  ): Promise<{ predictions: unknown[]; model: string; modelVersion: string }>;
  infer(
    name: string,
    request: InferRequest,
    version?: string,
  ): Promise<{ model_name: string; model_version: string; id?: string; outputs: V2OutputTensor[] }>;
  /** Of the serving version, or of `version` (the v2 `/versions/{version}` routes). */
  metadata(
    name: string,
    version?: string,
  ): Promise<ReturnType<typeof v2Metadata> & { metadata: Record<string, unknown> }>;
  /** The database answers and the model store lists. */
  ready(): Promise<boolean>;
  /**
   * Cold start, called when the app starts: connects the database and checks its schema, then loads `names` as
   * their first request would (pin read, model load, session). Concurrent requests share the work in flight.
   */
  warmUp(names: readonly string[]): Promise<void>;
}

/** GET /api/models `limits`: the body limit of PUT, and the upload URLs' own. */
export interface PublishLimits {
  /** Largest model a PUT /api/models/{name} body takes (INFERENCE_MAX_MODEL_MB). */
  bodyBytes: number;
  /** Largest model published through an upload URL (INFERENCE_MAX_UPLOAD_MB). */
  uploadBytes: number;
  /** Whether POST /api/models/{name}/uploads issues URLs here (MODEL_STORE=blob with an account key). */
  uploadUrls: boolean;
}

export interface InferenceDeps {
  db: Db;
  store: ModelStore | (() => ModelStore);
  config: InferenceConfig;
  refreshIntervalMs: number;
  /** The store's retention (MODEL_KEEP_VERSIONS), reported by the listing; the store itself applies it. */
  keepVersions?: number;
  /** Where upload URLs point (Blob storage); absent, the upload endpoints answer 409. */
  uploads?: () => UploadStaging;
}

export function createInference(deps: InferenceDeps): Inference {
  const { db, config } = deps;
  const storeOf = () => (typeof deps.store === 'function' ? deps.store() : deps.store);
  const schema = () => ensureInferenceSchema(db);
  const served = createServedModels({
    store: deps.store,
    threads: config.threads,
    batchWaitMs: config.batchWaitMs,
    maxBatchRows: config.maxBatchRows,
    refreshIntervalMs: deps.refreshIntervalMs,
    readPin: async (name) => {
      await schema();
      return (await getPin(db, name))?.version;
    },
  });

  const pins = createVersionPins({
    db,
    store: storeOf,
    schema,
    keepVersions: deps.keepVersions,
    forgetPin: (name) => served.forgetPin(name),
  });

  async function publish(name: string, bytes: Uint8Array, metadata: Record<string, unknown>) {
    const model = await loadOnnxModel(bytes, { threads: config.threads });
    await pins.markPinned(name);
    const manifest = await storeVersion(storeOf(), name, bytes, {
      format: 'onnx',
      signature: model.signature,
      metadata,
    });
    served.install(manifest, model);
    const { createdAt, version, sizeBytes, sha256 } = manifest;
    return { name, version, createdAt, sizeBytes, sha256, signature: model.signature, metadata };
  }
  const uploads = createModelUploads(
    deps.uploads ??
      (() => {
        throw uploadsNeedBlobStore();
      }),
    config.maxUploadBytes,
  );

  return {
    config,
    publish,
    offerUpload: (name) => uploads.offer(name),
    publishUpload: (name, uploadId, metadata) =>
      uploads.finalize(name, uploadId, (bytes) => publish(name, bytes, metadata)),
    discardUpload: (name, uploadId) => uploads.discard(name, uploadId),
    models: pins.list,
    publishLimits() {
      let uploadUrls = deps.uploads !== undefined;
      try {
        deps.uploads?.();
      } catch {
        // The 409 or 501 the upload endpoint answers, with its reason; here only whether it issues URLs.
        uploadUrls = false;
      }
      return { bodyBytes: config.maxModelBytes, uploadBytes: config.maxUploadBytes, uploadUrls };
    },
    versions: pins.versions,
    pin: pins.pin,
    unpin: pins.unpin,
    async predict(name, instances) {
      const model = served.peek(name) ?? (await served.get(name));
      const inputs = tensorsFromInstances(model.signature, instances);
      const started = performance.now();
      const outputs = await model.batcher.run(inputs);
      recordPrediction(performance.now() - started, { app: 'inference', operation: 'predict', model: name });
      return {
        predictions: predictionsFrom(model.signature, outputs),
        model: name,
        modelVersion: model.version,
      };
    },
    async infer(name, request, version) {
      const model =
        (version === undefined ? served.peek(name) : undefined) ??
        (await (version === undefined ? served.get(name) : served.getVersion(name, version)));
      const inputs = tensorsFromV2(model.signature, request.inputs);
      // Checked before the run: an unknown output name is the caller's mistake, not a runtime failure.
      v2Outputs(
        model.signature,
        {},
        request.outputs?.map((o) => o.name),
      );
      const started = performance.now();
      const outputs = await model.batcher.run(inputs);
      recordPrediction(performance.now() - started, { app: 'inference', operation: 'infer', model: name });
      return {
        model_name: name,
        model_version: model.version,
        ...(request.id !== undefined && { id: request.id }),
        outputs: v2Outputs(
          model.signature,
          outputs,
          request.outputs?.map((o) => o.name),
        ),
      };
    },
    async metadata(name, version) {
      const model = await (version === undefined ? served.get(name) : served.getVersion(name, version));
      return { ...v2Metadata(name, [model.version], model.signature), metadata: model.metadata };
    },
    async warmUp(names) {
      await schema();
      await Promise.all(names.map((name) => served.get(name)));
    },
    async ready() {
      if (!(await db.ping())) return false;
      await storeOf().list();
      return true;
    },
  };
}

let instance: Inference | undefined;

/** The app's service (lazy singleton on the shared database, model store and config). */
export function getInference(): Inference {
  instance ??= createInference({
    db: getDb(),
    store: getModelStore,
    config: getInferenceConfig(),
    refreshIntervalMs: getSharedConfig().modelRefreshSeconds * 1000,
    keepVersions: getSharedConfig().modelKeepVersions,
    uploads: getUploadStaging,
  });
  return instance;
}

/** Replace (tests) or forget the singleton. */
export function resetInference(next?: Inference): void {
  instance = next;
}
