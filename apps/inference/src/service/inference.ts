// The inference service: the one object handlers call. It owns schema readiness, publishing (a model that does not
// load is refused), pins, and the rule that every request is checked against the signature before the runtime.
import { getSharedConfig } from '@suite/shared/config';
import { getDb, type Db } from '@suite/shared/db';
import { NotFoundError } from '@suite/shared/errors';
import { DEFAULT_KEEP_VERSIONS, getModelStore, type ModelStore } from '@suite/shared/models';
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
import type { Signature } from '../runtime/signature.ts';
import { ensureInferenceSchema } from '../store/inference-schema.ts';
import { clearPin, getPin, setPin } from '../store/pin-repository.ts';
import type { UploadStaging } from '../uploads/upload-staging.ts';
import {
  createModelUploads,
  getUploadStaging,
  uploadsNeedBlobStore,
  type UploadOffer,
} from './model-uploads.ts';
import { createServedModels } from './served-models.ts';

export interface PublishedVersion {
  name: string;
  version: string;
  createdAt: string;
  sizeBytes: number;
  sha256: string;
  signature: Signature;
  metadata: Record<string, unknown>;
}

export interface VersionListing {
  name: string;
  /** MODEL_KEEP_VERSIONS: the newest this many versions are kept, plus the pinned one and the latest. */
  keepVersions: number;
  latest: string | null;
  pinned: string | null;
  /** The version predictions use: the pin, else the latest. */
  serving: string | null;
  versions: Omit<PublishedVersion, 'name'>[];
}

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

  async function versions(name: string): Promise<VersionListing> {
    await schema();
    const [all, latest, pin] = await Promise.all([
      storeOf().versions(name),
      storeOf().latest(name),
      getPin(db, name),
    ]);
    if (all.length === 0) throw new NotFoundError(`No model named "${name}" is published.`);
    return {
      name,
      keepVersions: deps.keepVersions ?? DEFAULT_KEEP_VERSIONS,
      latest: latest?.version ?? null,
      pinned: pin?.version ?? null,
      serving: pin?.version ?? latest?.version ?? null,
      versions: all.map((m) => ({
        version: m.version,
        createdAt: m.createdAt,
        sizeBytes: m.sizeBytes,
        sha256: m.sha256,
        signature: m.metadata['signature'] as Signature,
        metadata: (m.metadata['metadata'] as Record<string, unknown> | undefined) ?? {},
      })),
    };
  }

  /**
   * The store's retention keeps pinned versions; the pin that serves lives in the database, so it is marked in the
   * store too. Done again before each publish (whose retention runs in the store) for a pin made before marks.
   */
  async function markPinned(name: string): Promise<void> {
    await schema();
    const pin = await getPin(db, name);
    if (pin) await storeOf().setPinned(name, pin.version, true).catch(ignoreNotFound);
  }
  /** Lets retention remove a version no longer pinned (it goes once MODEL_KEEP_VERSIONS newer ones exist). */
  const unmark = (name: string, version: string) =>
    storeOf().setPinned(name, version, false).catch(ignoreNotFound);

  async function publish(name: string, bytes: Uint8Array, metadata: Record<string, unknown>) {
    const model = await loadOnnxModel(bytes, { threads: config.threads });
    await markPinned(name);
    const manifest = await storeOf().publish(name, bytes, {
      metadata: { format: 'onnx', signature: model.signature, metadata },
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
    versions,
    async pin(name, version) {
      const listing = await versions(name);
      if (!listing.versions.some((v) => v.version === version)) {
        throw new NotFoundError(`Model "${name}" has no version "${version}".`);
      }
      // Marked in the store first, so a publish's retention on another instance cannot remove it in between.
      await storeOf().setPinned(name, version, true);
      await setPin(db, name, version);
      served.forgetPin(name);
      if (listing.pinned !== null && listing.pinned !== version) await unmark(name, listing.pinned);
      return { ...listing, pinned: version, serving: version };
    },
    async unpin(name) {
      await schema();
      const previous = await getPin(db, name);
      await clearPin(db, name);
      served.forgetPin(name);
      if (previous) await unmark(name, previous.version);
      return versions(name);
    },
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

function ignoreNotFound(error: unknown): void {
  if (!(error instanceof NotFoundError)) throw error;
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
