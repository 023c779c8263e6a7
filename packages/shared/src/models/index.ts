// Model artifacts: immutable versions with a compare-and-swap `latest` pointer (filesystem or Azure Blob),
// and a per-instance cache of decoded models.
/**
 * Publish a trained model, then serve it from a warm cache that picks up newer versions by itself.
 *
 * @example
 * import { createModelCache, getModelStore, tryReadLatest } from '@suite/shared/models';
 * import { ConflictError } from '@suite/shared/errors';
 *
 * // Trainer: publish on top of the version it trained from; a concurrent trainer that won makes this throw.
 * const base = await tryReadLatest(getModelStore(), 'recommender-fm'); // undefined for a malformed pointer
 * try {
 *   await getModelStore().publish('recommender-fm', bytes, { metadata: { rmse }, expectedLatest: base?.version ?? null });
 * } catch (error) {
 *   if (error instanceof ConflictError) console.info('lost the race to', error.details?.currentLatest);
 *   else throw error;
 * }
 *
 * // Serving: one module-level cache; each get reuses the loaded model.
 * const models = createModelCache({ label: 'recommender', decode: (data) => decodeFm(data) });
 * const { model, version } = await models.get('recommender-fm');
 *
 * @module
 */
export type { LoadedArtifact, ModelManifest, ModelStore, PublishOptions } from './types.ts';
export { createFsModelStore } from './fs-model-store.ts';
// The Blob store is reached through getModelStore() (MODEL_STORE=blob); its constructors stay internal.
export { getModelStore, resetModelStore } from './model-store.ts';
export {
  createModelCache,
  type LoadedModel,
  type ModelCache,
  type ModelCacheOptions,
} from './model-cache.ts';
export { isReadError, type ModelFallback } from './model-fallback.ts';
export type { LoadedModelInfo } from './loaded-models.ts';
export { MODEL_NAME_PATTERN } from './model-naming.ts';
export {
  describeModel,
  pinVersion,
  tryReadLatest,
  type ModelVersionView,
  type ModelView,
} from './model-versions.ts';
export { DEFAULT_KEEP_VERSIONS } from './model-retention.ts';
export type { ModelStoreOptions } from './types.ts';
