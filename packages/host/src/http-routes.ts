// Which HTTP function serves a request: the routes of every HTTP trigger, most specific first, matched under the
// route prefix as Azure matches them. suite-host's server and @suite/adapters' dispatch both route through here.
import type { RegisteredFunction } from './core-api.ts';
import { getTriggerBinding } from './run-invocation.ts';
import { compareSpecificity, compileRoute } from './route-template.ts';
import type { RouteTemplate } from './route-template.ts';

/** One HTTP function's compiled route and its methods (empty: every method). */
export interface HttpRoute {
  fn: RegisteredFunction;
  route: RouteTemplate;
  methods: Set<string>;
}

/** Compiles the routes of every HTTP function, most specific first. */
export function compileHttpRoutes(functions: Iterable<RegisteredFunction>): HttpRoute[] {
  const routes: HttpRoute[] = [];
  for (const fn of functions) {
    const trigger = getTriggerBinding(fn);
    if (trigger.type !== 'httptrigger') continue;
    const template =
      typeof trigger.options.route === 'string' && trigger.options.route !== ''
        ? trigger.options.route
        : fn.name;
    const methods = Array.isArray(trigger.options.methods)
      ? trigger.options.methods.map((m) => String(m).toUpperCase())
      : [];
    routes.push({ fn, route: compileRoute(template), methods: new Set(methods) });
  }
  return routes.sort((a, b) => compareSpecificity(a.route, b.route));
}

/** The function that serves a request with its route parameters, or the router's own 404 / 405 to answer. */
export type HttpRouteMatch =
  | { fn: RegisteredFunction; params: Record<string, string> }
  | { fn?: undefined; status: 404 | 405; detail: string; headers?: Record<string, string> };

/**
 * Finds the most specific route for `method` on `path` (the URL's path, with the prefix); a path some route
 * matches with other methods only is a 405 naming them in `allow`, any other a 404. A route that matches every
 * path (a console's `GET {*path}`) serves its methods but makes no 405: that it would answer a GET says nothing
 * of the path, so a POST to an unknown `/api/...` path is a 404 naming it, not "POST is not allowed".
 * @example const match = matchHttpRoute(routes, 'api', 'GET', '/api/health');
 */
export function matchHttpRoute(
  routes: readonly HttpRoute[],
  routePrefix: string,
  method: string,
  path: string,
): HttpRouteMatch {
  const notFound = { status: 404, detail: `No function serves ${path}` } as const;
  const relative =
    routePrefix === ''
      ? path
      : path.startsWith(`/${routePrefix}/`) || path === `/${routePrefix}`
        ? path.slice(routePrefix.length + 1)
        : undefined;
  if (relative === undefined) return notFound;
  const allowed = new Set<string>();
  for (const { fn, route, methods } of routes) {
    const params = route.match(relative);
    if (!params) continue;
    if (methods.size === 0 || methods.has(method)) return { fn, params };
    if (!route.matchesEveryPath) methods.forEach((m) => allowed.add(m));
  }
  if (allowed.size === 0) return notFound;
  return {
    status: 405,
    detail: `${method} is not allowed on ${path}`,
    headers: { allow: [...allowed].join(', ') },
  };
}
