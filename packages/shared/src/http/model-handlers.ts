// The HTTP side of model versions, the same in every app: list versions with their metrics and flags, pin one
// (serve it; an older one is a rollback), unpin one (retention may then remove it).
import type { HttpFunctionOptions } from '@azure/functions';
import { z } from 'zod';
import { ValidationError } from '../errors/index.ts';
import { describeModel, pinVersion, type ModelStore } from '../models/index.ts';
import { MODEL_NAME_PATTERN } from '../models/model-naming.ts';
import { defineHandler, type HttpHandler } from './define-handler.ts';
import { json } from './problem.ts';
import { registerRoutes, type SharedRoute } from './shared-routes.ts';

export interface ModelHandlerOptions {
  store: () => ModelStore;
  /** The app's model names, listed without `?name=`; the first is the default of `?name=` unless `requireName`. */
  names: () => readonly string[] | Promise<readonly string[]>;
  /**
   * Whether `?name=` names a model of this app. Default: it is one of `names()`. For apps with more models than
   * they list (the anomaly app has one per metric series), so a name shared by another app's models is refused.
   */
  accepts?: (name: string) => boolean | Promise<boolean>;
  /** Pin and unpin need `?name=` (400 without it) instead of defaulting to the first of `names()`. */
  requireName?: boolean;
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
  const nameQuery = z.object({ name: z.string().regex(MODEL_NAME_PATTERN, 'a model name').optional() });
  const refuse = (message: string) => new ValidationError(`name: ${message}`, [{ path: 'name', message }]);
  const accepts = async (name: string) =>
    options.accepts ? options.accepts(name) : (await options.names()).includes(name);
  /** The model `?name=` asks for, checked; without it the default (or a 400 when the app has none). */
  const pick = async (name: string | undefined, forWrite: boolean) => {
    if (name !== undefined) {
      if (!(await accepts(name))) throw refuse('not a model of this app');
      return name;
    }
    const first = options.requireName && forWrite ? undefined : (await options.names())[0];
    if (first === undefined) throw refuse('required: the model whose version this is');
    return first;
  };
  return {
    listModels: defineHandler({ query: nameQuery }, async ({ query }) => {
      const names = query.name ? [await pick(query.name, false)] : await options.names();
      const models = await Promise.all(names.map((n) => describeModel(options.store(), n)));
      return json({ keepVersions: options.keepVersions(), models }, 200, { 'cache-control': 'no-store' });
    }),
    pinModel: defineHandler({ params: version, query: nameQuery, admin: true }, async ({ params, query }) => {
      const name = await pick(query.name, true);
      const manifest = await pinVersion(options.store(), name, params.version);
      await options.onServe?.(name);
      return json({ name, served: manifest.version, pinned: true, manifest });
    }),
    unpinModel: defineHandler(
      { params: version, query: nameQuery, admin: true },
      async ({ params, query }) => {
        const name = await pick(query.name, true);
        await options.store().setPinned(name, params.version, false);
        return json({ name, version: params.version, pinned: false });
      },
    ),
  };
}

/**
 * An app's model-version routes (GET /api/models, POST and DELETE /api/models/{version}/pin) for `handlers` from
 * {@link createModelHandlers}: functions listModels, pinModel and unpinModel.
 * @example const routes = [...myRoutes, ...modelRoutes(handlers)];
 */
export function modelRoutes(handlers: ModelHandlers): SharedRoute[] {
  const pin = '/api/models/{version}/pin';
  return [
    {
      name: 'listModels',
      method: 'get',
      path: '/api/models',
      summary: 'Model versions with metrics',
      handler: handlers.listModels,
    },
    {
      name: 'pinModel',
      method: 'post',
      path: pin,
      summary: 'Pin and serve a version (an older one: rollback)',
      handler: handlers.pinModel,
    },
    {
      name: 'unpinModel',
      method: 'delete',
      path: pin,
      summary: 'Unpin a version',
      handler: handlers.unpinModel,
    },
  ];
}

/**
 * Registers {@link modelRoutes} of `handlers` on `app`.
 * @example registerModelFunctions(app, handlers);
 */
export function registerModelFunctions(
  app: { http(name: string, options: HttpFunctionOptions): void },
  handlers: ModelHandlers,
): void {
  registerRoutes(app, modelRoutes(handlers));
}
