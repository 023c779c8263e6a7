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
export {
  defineHandler,
  REQUEST_ID_HEADER,
  type HandlerInput,
  type HandlerSpec,
  type HttpHandler,
} from './define-handler.ts';
export { json, toProblem, toFieldIssues, type ProblemBody } from './problem.ts';
export { readBodyText, parseJsonBody, DEFAULT_MAX_BODY_BYTES } from './read-body.ts';
export { ensureAdmin, ADMIN_KEY_HEADER } from './admin-key.ts';
export { isAdminCaller } from './admin-caller.ts';
export { createHealthHandler, markColdStart, type HealthOptions, type HealthReport } from './health.ts';
export { assertJsonDepth, findJsonDepthExcess, DEFAULT_MAX_JSON_DEPTH } from './json-depth.ts';
export { locateJsonError, type JsonErrorLocation } from './json-error-position.ts';
export {
  createStaticSite,
  resolveConsoleDir,
  toSitePath,
  CONSOLE_CSP,
  type StaticSite,
  type StaticRequest,
} from './static-site.ts';
export { createConsoleHandler, getConsoleSite, resetConsoleSite } from './console-handler.ts';
