// What the inference API answers, as the console reads it (src/service/version-pins.ts and runtime/signature.ts).

/** One input or output of a model; -1 in `shape` is a dynamic dimension, named in `dimNames` when the model does. */
export interface TensorSpec {
  name: string;
  datatype: string;
  shape: number[];
  dimNames: (string | null)[];
}

export interface Signature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  batchable: boolean;
}

/** GET /api/models: one model, with the serving version's signature. */
export interface ModelSummary {
  name: string;
  latest: string | null;
  pinned: string | null;
  serving: string | null;
  versionCount: number;
  signature: Signature | null;
  metadata: Record<string, unknown>;
}

export interface PublishedVersion {
  version: string;
  createdAt: string;
  sizeBytes: number;
  sha256: string;
  signature: Signature;
  metadata: Record<string, unknown>;
}

/** GET /api/models `limits`: which way a model of a given size is published (src/service/inference.ts). */
export interface PublishLimits {
  /** Largest model a PUT body takes (INFERENCE_MAX_MODEL_MB). */
  bodyBytes: number;
  /** Largest model published through an upload URL (INFERENCE_MAX_UPLOAD_MB). */
  uploadBytes: number;
  /** Whether this deployment issues upload URLs (MODEL_STORE=blob with an account key). */
  uploadUrls: boolean;
}

/** POST /api/models/{name}/uploads: where to PUT the bytes, and where to publish them from once there. */
export interface UploadOffer {
  name: string;
  uploadId: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
  publishPath: string;
}

/** GET /api/models/{name}/versions. */
export interface VersionListing {
  name: string;
  keepVersions: number;
  latest: string | null;
  pinned: string | null;
  serving: string | null;
  versions: PublishedVersion[];
}

/** POST /api/models/{name}:predict. */
export interface PredictAnswer {
  predictions: unknown[];
  model: string;
  modelVersion: string;
}
