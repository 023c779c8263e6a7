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
