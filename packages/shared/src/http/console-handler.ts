// The handler behind each app's `{*path}` route: its built web console, from the folder resolveConsoleDir names.
import { z } from 'zod';
import { defineHandler, type HttpHandler } from './define-handler.ts';
import { createStaticSite, resolveConsoleDir, type StaticSite } from './static-site.ts';

let site: StaticSite | undefined;

/** The console's site, built once per warm instance (CONSOLE_DIR is read then). */
export function getConsoleSite(): StaticSite {
  site ??= createStaticSite(resolveConsoleDir());
  return site;
}

/** Forgets the site so a test can point CONSOLE_DIR elsewhere. */
export function resetConsoleSite(): void {
  site = undefined;
}

/**
 * The console handler: GET and HEAD of any path that no API route claims. Unknown paths, paths that would leave
 * the folder and `/api/…` paths answer a 404 problem.
 *
 * @example
 * app.http('console', { methods: ['GET', 'HEAD'], route: '{*path}', authLevel: 'anonymous', handler: createConsoleHandler() });
 */
export function createConsoleHandler(getSite: () => StaticSite = getConsoleSite): HttpHandler {
  return defineHandler(
    // Public: a browser loading the console sends no API key; the console's own calls carry one (or Easy Auth).
    { public: true, params: z.object({ path: z.string().max(1024).optional() }) },
    async ({ params, request }) =>
      getSite().serve({
        path: params.path,
        method: request.method,
        ifNoneMatch: request.headers.get('if-none-match'),
      }),
  );
}
