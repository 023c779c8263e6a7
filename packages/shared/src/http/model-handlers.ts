// The HTTP side of model versions, the same in every app: list versions with their metrics and flags, pin one
// (serve it; an older one is a rollback), unpin one (retention may then remove it).
import { z } from 'zod';
import { describeModel, pinVersion, type ModelStore } from '../models/index.ts';
import { MODEL_NAME_PATTERN } from '../models/model-naming.ts';
import { defineHandler, type HttpHandler } from './define-handler.ts';
import { json } from './problem.ts';

export interface ModelHandlerOptions {
  store: () => ModelStore;
  /** The app's model names; the first is the default of `?name=`. */
  names: () => readonly string[];
  /** Versions kept per model (MODEL_KEEP_VERSIONS), reported with the list. */
  keepVersions: () => number;
  /** Called once a pin moved `latest`, so this instance serves the pinned version at once. */
  onServe?: (name: string) => Promise<unknown>;
}

export interface ModelHandlers {
  /** GET /api/models[?name=]: `{keepVersions, models: [{name, served, versions: [...]}]}`. */
  listModels: HttpHandler;
  /** POST /api/models/{version}/pin[?name=] (admin): pin and serve the version. */
  pinModel: HttpHandler;
  /** DELETE /api/models/{version}/pin[?name=] (admin): unpin it (it stays served until the next publish). */
  unpinModel: HttpHandler;
}

const version = z.object({
  version: z.string().regex(/^\d{8}T\d{9}Z-[0-9a-f]{6}$/, 'a version id such as 20261130T082239139Z-8e6b31'),
});

/** The handlers of one app's model versions. */
export function createModelHandlers(options: ModelHandlerOptions): ModelHandlers {
  const nameQuery = z.object({
    name: z
      .string()
      .regex(MODEL_NAME_PATTERN, 'a model name')
      .refine((n) => options.names().includes(n), { message: 'not a model of this app' })
      .optional(),
  });
  const pick = (name: string | undefined) => name ?? (options.names()[0] as string);
  return {
    listModels: defineHandler({ query: nameQuery }, async ({ query }) => {
      const names = query.name ? [query.name] : options.names();
      const models = await Promise.all(names.map((n) => describeModel(options.store(), n)));
      return json({ keepVersions: options.keepVersions(), models }, 200, { 'cache-control': 'no-store' });
    }),
    pinModel: defineHandler({ params: version, query: nameQuery, admin: true }, async ({ params, query }) => {
      const name = pick(query.name);
      const manifest = await pinVersion(options.store(), name, params.version);
      await options.onServe?.(name);
      return json({ name, served: manifest.version, pinned: true, manifest });
    }),
    unpinModel: defineHandler(
      { params: version, query: nameQuery, admin: true },
      async ({ params, query }) => {
        const name = pick(query.name);
        await options.store().setPinned(name, params.version, false);
        return json({ name, version: params.version, pinned: false });
      },
    ),
  };
}
