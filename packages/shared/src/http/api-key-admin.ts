// The admin API of the per-client keys, shared by every app: each app registers it with one line.
import type { HttpFunctionOptions } from '@azure/functions';
import { z } from 'zod';
import { getSharedConfig } from '../config/index.ts';
import { defineHandler, type HttpHandler } from './define-handler.ts';
import { json } from './problem.ts';
import { registerRoutes, type SharedRoute } from './shared-routes.ts';

const store = async () => {
  const [{ getDb }, { createApiKeyStore }] = await Promise.all([
    import('../db/index.ts'),
    import('../api-keys/api-key-store.ts'),
  ]);
  return createApiKeyStore(getDb());
};

const KeyId = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'expected a key id (12 hex digits)') });

/** `GET /api/apikeys`: every key with today's usage. */
export const listApiKeys: HttpHandler = defineHandler({ admin: true }, async () => {
  const keys = await store();
  await keys.prune();
  return json({ apiKeys: getSharedConfig().apiKeys, keys: await keys.list() });
});

/** `POST /api/apikeys` `{client, ratePerMinute?, quotaPerDay?}`: 201 with the key, shown this once. */
export const createApiKey: HttpHandler = defineHandler(
  {
    admin: true,
    body: z.object({
      client: z.string().trim().min(1).max(100),
      ratePerMinute: z.number().int().min(1).max(1_000_000).optional(),
      quotaPerDay: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
    }),
  },
  async ({ body }) => {
    const config = getSharedConfig();
    const created = await (
      await store()
    ).create({
      client: body.client,
      ratePerMinute: body.ratePerMinute ?? config.apiKeyRatePerMinute,
      quotaPerDay: body.quotaPerDay === undefined ? config.apiKeyQuotaPerDay : body.quotaPerDay,
    });
    return json(created, 201, { 'cache-control': 'no-store' });
  },
);

/** `DELETE /api/apikeys/{id}`: revoked at once, on every instance (the next request reads the table). */
export const revokeApiKey: HttpHandler = defineHandler({ admin: true, params: KeyId }, async ({ params }) => {
  await (await store()).revoke(params.id);
  return json({ id: params.id, revoked: true });
});

/** `GET /api/apikeys/{id}/usage?days=7`: requests served and refused per UTC day. */
export const getApiKeyUsage: HttpHandler = defineHandler(
  {
    admin: true,
    params: KeyId,
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(7) }),
  },
  async ({ params, query }) =>
    json({ id: params.id, days: await (await store()).usage(params.id, query.days) }),
);

/**
 * The key admin API's routes under `base` (see {@link registerApiKeyFunctions}), as documented paths.
 * @example const routes = [...myRoutes, ...apiKeyRoutes('api/apikeys')];
 */
export function apiKeyRoutes(base = 'apikeys'): SharedRoute[] {
  const path = `/${base}`;
  return [
    { name: 'apiKeysList', method: 'get', path, summary: 'Client API keys', handler: listApiKeys },
    {
      name: 'apiKeysCreate',
      method: 'post',
      path,
      summary: 'Create a client API key',
      handler: createApiKey,
    },
    {
      name: 'apiKeysRevoke',
      method: 'delete',
      path: `${path}/{id}`,
      summary: 'Revoke a client API key',
      handler: revokeApiKey,
    },
    {
      name: 'apiKeysUsage',
      method: 'get',
      path: `${path}/{id}/usage`,
      summary: 'Usage of a client API key',
      handler: getApiKeyUsage,
    },
  ];
}

/**
 * Register the key admin API on an app: `GET|POST /api/apikeys`, `DELETE /api/apikeys/{id}`,
 * `GET /api/apikeys/{id}/usage`. All need the admin key. (Routes may not start with `admin`: the host owns it.)
 * `route` is the base route: `apikeys` under host.json's default `api` prefix, `api/apikeys` with an empty prefix.
 *
 * @example
 * import { app } from '@azure/functions';
 * registerApiKeyFunctions(app);
 */
export function registerApiKeyFunctions(
  app: { http(name: string, options: HttpFunctionOptions): void },
  options: { route?: string } = {},
): void {
  registerRoutes(app, apiKeyRoutes(options.route));
}
