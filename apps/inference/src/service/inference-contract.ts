// What the inference service offers the handlers: the one facade of src/service/inference.ts, its requests and
// answers.
import type { V2InputTensor, V2OutputTensor, v2Metadata } from '../protocol/open-inference.ts';
import type { InferenceConfig } from '../config/inference-config.ts';
import type { UploadOffer } from './model-uploads.ts';
import type { ModelSummary, PublishedVersion, VersionListing } from './version-pins.ts';

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
  /**
   * Of the serving version, or of `version` (the v2 `/versions/{version}` routes); `versions` lists every stored
   * version, each of which those routes serve.
   */
  metadata(
    name: string,
    version?: string,
  ): Promise<ReturnType<typeof v2Metadata> & { metadata: Record<string, unknown> }>;
  /** The version that serves `name` (or `version` itself) once it has loaded; the load's error otherwise. */
  modelReady(name: string, version?: string): Promise<string>;
  /** Why the server is not ready (the database does not answer, the model store does not list), or undefined. */
  notReady(): Promise<{ reason: string; cause?: unknown } | undefined>;
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
