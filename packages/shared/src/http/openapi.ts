// GET /api/openapi.json: an OpenAPI 3.1 document built from the zod schemas the handlers validate with
// (zod 4's z.toJSONSchema), so the document cannot drift from what the API accepts.
import type { HttpFunctionOptions } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, HANDLER_SPECS, type HttpHandler } from './define-handler.ts';
import { json } from './problem.ts';

/** One route of the document: where it is served and the handler that serves it. */
export interface OpenApiRoute {
  method: 'get' | 'post' | 'put' | 'delete';
  /** As registered, with the route prefix: `/api/users/{id}/recommendations`. */
  path: string;
  summary: string;
  handler: HttpHandler;
  /** Statuses worth telling apart, each with what it means (`{ '400': 'every point was rejected' }`); beside `default`. */
  responses?: Record<string, string>;
}

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const object = schemaOf(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

/** The document for `routes`. */
export function createOpenApiDocument(
  info: { title: string; version: string },
  routes: readonly OpenApiRoute[],
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const spec = HANDLER_SPECS.get(route.handler);
    const operation: Record<string, unknown> = {
      summary: route.summary,
      parameters: [...parameters(spec?.params, 'path'), ...parameters(spec?.query, 'query')],
      responses: {
        ...Object.fromEntries(
          Object.entries(route.responses ?? {}).map(([status, description]) => [status, { description }]),
        ),
        default: {
          description: 'Success, or an error as application/problem+json (RFC 9457)',
        },
      },
    };
    if (spec?.body) {
      const contentType = spec.bodyType === 'text' ? 'text/plain' : 'application/json';
      operation.requestBody = { content: { [contentType]: { schema: schemaOf(spec.body, 'input') } } };
    }
    if (spec?.admin) operation.security = [{ adminKey: [] }];
    // A write takes the admin key, or a client's API key when API_KEYS=on.
    else if (spec?.write) operation.security = [{ adminKey: [] }, { apiKey: [] }];
    (paths[route.path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: {
        adminKey: { type: 'apiKey', in: 'header', name: 'x-admin-key' },
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      },
    },
  };
}

/** The handler of GET /api/openapi.json (public, built once). */
export function createOpenApiHandler(
  info: { title: string; version: string },
  routes: () => readonly OpenApiRoute[],
): HttpHandler {
  let document: ReturnType<typeof createOpenApiDocument> | undefined;
  return defineHandler({ public: true }, () => {
    document ??= createOpenApiDocument(info, routes());
    return json(document, 200, { 'cache-control': 'public, max-age=300' });
  });
}

/**
 * Registers an app's document `handler` (from {@link createOpenApiHandler}) as the function openApi at
 * GET api/openapi.json (anonymous).
 * @example registerOpenApiFunction(app, openApi);
 */
export function registerOpenApiFunction(
  app: { http(name: string, options: HttpFunctionOptions): void },
  handler: HttpHandler,
): void {
  app.http('openApi', { methods: ['GET'], route: 'api/openapi.json', authLevel: 'anonymous', handler });
}
