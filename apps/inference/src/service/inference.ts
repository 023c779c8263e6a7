// The inference service: the one object handlers call. It owns schema readiness, publishing (a model that does not
// load is refused), and the rule that every request is checked against the signature before the runtime; the
// version listing and pins are version-pins.ts's.
import { getSharedConfig } from '@suite/shared/config';
import { getDb, type Db } from '@suite/shared/db';
import { getModelStore, type ModelStore } from '@suite/shared/models';
import { recordPrediction } from '@suite/shared/telemetry';
import { getInferenceConfig, type InferenceConfig } from '../config/inference-config.ts';
import { predictionsFrom, tensorsFromInstances } from '../protocol/instances.ts';
import { tensorsFromV2, v2Metadata, v2Outputs } from '../protocol/open-inference.ts';
import { loadOnnxModel } from '../runtime/onnx-model.ts';
import { ensureInferenceSchema } from '../store/inference-schema.ts';
import { getPin } from '../store/pin-repository.ts';
import type { UploadStaging } from '../uploads/upload-staging.ts';
import type { Inference } from './inference-contract.ts';
import { createModelUploads, getUploadStaging, uploadsNeedBlobStore } from './model-uploads.ts';
import { createServedModels } from './served-models.ts';
import { storeVersion } from './store-version.ts';
import { createVersionPins } from './version-pins.ts';

export type { InferRequest, Inference, PublishLimits } from './inference-contract.ts';
export type { ModelSummary, PublishedVersion, VersionListing } from './version-pins.ts';

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
      // An empty `outputs` asks for every output, as Triton reads it (InferenceRequest::Normalize), not for none.
      const names = request.outputs?.length ? request.outputs.map((o) => o.name) : undefined;
      // Checked before the run: an unknown output name is the caller's mistake, not a runtime failure.
      v2Outputs(model.signature, {}, names);
      const started = performance.now();
      const outputs = await model.batcher.run(inputs);
      recordPrediction(performance.now() - started, { app: 'inference', operation: 'infer', model: name });
      return {
        model_name: name,
        model_version: model.version,
        ...(request.id !== undefined && { id: request.id }),
        outputs: v2Outputs(model.signature, outputs, names),
      };
    },
    async metadata(name, version) {
      const [model, stored] = await Promise.all([
        version === undefined ? served.get(name) : served.getVersion(name, version),
        storeOf().versions(name),
      ]);
      const versions = stored.map((m) => m.version);
      return { ...v2Metadata(name, versions, model.signature), metadata: model.metadata };
    },
    async modelReady(name, version) {
      return (await (version === undefined ? served.get(name) : served.getVersion(name, version))).version;
    },
    async warmUp(names) {
      await schema();
      await Promise.all(names.map((name) => served.get(name)));
    },
    async notReady() {
      if (!(await db.ping())) return { reason: 'the database does not answer' };
      try {
        await storeOf().list();
        return undefined;
      } catch (cause) {
        return { reason: 'the model store does not list its models', cause };
      }
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
