// Route groups every app serves the same way (model versions, training jobs, API keys): one list per group names
// each route's function, method, path, summary and handler, so an app registers the group and lists it in its
// OpenAPI document from the same entries, beside its own routes.
import type { HttpFunctionOptions, HttpMethod } from '@azure/functions';
import type { OpenApiRoute } from './openapi.ts';

/** A route of a shared group: an {@link OpenApiRoute} plus the name its Azure Function is registered under. */
export interface SharedRoute extends OpenApiRoute {
  name: string;
}

/**
 * Registers `routes` on `app` (anonymous at the platform; each handler checks its own keys), the route being the
 * documented path without its leading slash.
 * @example registerRoutes(app, modelRoutes(handlers));
 */
export function registerRoutes(
  app: { http(name: string, options: HttpFunctionOptions): void },
  routes: readonly SharedRoute[],
): void {
  for (const route of routes) {
    app.http(route.name, {
      methods: [route.method.toUpperCase() as HttpMethod],
      route: route.path.slice(1),
      authLevel: 'anonymous',
      handler: route.handler,
    });
  }
}
