// HTTP helpers for Azure Functions v4 handlers: validated typed input, problem+json errors, health.
/**
 * @example
 * import { z } from 'zod';
 * import { defineHandler, json } from '@suite/shared/http';
 *
 * export const chat = defineHandler(
 *   { body: z.object({ sessionId: z.string().uuid().optional(), message: z.string().min(1).max(2000) }) },
 *   async ({ body, requestId }) => json(await answer(body.message, body.sessionId), 200),
 * );
 * // Malformed JSON -> 400, invalid field -> 400 naming it, too large -> 413, NotFoundError -> 404,
 * // ConflictError -> 409, DependencyError -> 503 + Retry-After, anything else -> 500 logged once.
 *
 * @module
 */
export { defineHandler, type HandlerInput, type HandlerSpec, type HttpHandler } from './define-handler.ts';
export { json, type ProblemBody } from './problem.ts';
export { readBodyBytes, DEFAULT_MAX_BODY_BYTES } from './read-body.ts';
export { isAdminCaller } from './admin-caller.ts';
export { createHealthHandler, markColdStart, type HealthOptions, type HealthReport } from './health.ts';
export { assertJsonDepth, findJsonDepthExcess, DEFAULT_MAX_JSON_DEPTH } from './json-depth.ts';
export { findDuplicateKey, scanJsonText, type DuplicateKey, type JsonTextScan } from './json-text-scan.ts';
export {
  createStaticSite,
  resolveConsoleDir,
  toSitePath,
  CONSOLE_CSP,
  consoleCsp,
  type StaticSiteOptions,
  type StaticSite,
  type StaticRequest,
} from './static-site.ts';
export {
  createOpenApiDocument,
  createOpenApiHandler,
  registerOpenApiFunction,
  type OpenApiRoute,
} from './openapi.ts';
export { registerRoutes, type SharedRoute } from './shared-routes.ts';
export {
  createModelHandlers,
  modelRoutes,
  registerModelFunctions,
  type ModelHandlerOptions,
  type ModelHandlers,
} from './model-handlers.ts';
export { createConsoleHandler, getConsoleSite, resetConsoleSite } from './console-handler.ts';
export { admitApiKey, API_KEY_HEADER, type Caller } from './api-key-guard.ts';
export { ensureSameOrigin, tryCrossOriginRefusal, ALLOWED_ORIGINS_VARIABLE } from './same-origin-guard.ts';
export {
  apiKeyRoutes,
  registerApiKeyFunctions,
  listApiKeys,
  createApiKey,
  revokeApiKey,
  getApiKeyUsage,
} from './api-key-admin.ts';
