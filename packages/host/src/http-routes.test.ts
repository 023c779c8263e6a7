import { describe, expect, it } from 'vitest';
import type { RegisteredFunction } from './core-api.ts';
import { matchHttpRoute, type HttpRoute } from './http-routes.ts';
import { compareSpecificity, compileRoute } from './route-template.ts';

const route = (name: string, template: string, methods: string[] = []): HttpRoute => ({
  fn: { name } as unknown as RegisteredFunction,
  route: compileRoute(template),
  methods: new Set(methods),
});

const routes = [
  route('health', 'health', ['GET']),
  route('item', 'items/{id}', ['GET', 'PUT']),
  route('newItem', 'items/new', ['POST']),
  route('any', 'echo'),
].sort((a, b) => compareSpecificity(a.route, b.route));

const served = (method: string, path: string, prefix = 'api') => {
  const match = matchHttpRoute(routes, prefix, method, path);
  return match.fn ? { fn: match.fn.name, params: match.params } : match;
};

describe('matchHttpRoute', () => {
  it('serves a path under the prefix with its parameters, the literal route before a template', () => {
    expect(served('GET', '/api/items/42')).toEqual({ fn: 'item', params: { id: '42' } });
    expect(served('POST', '/api/items/new')).toEqual({ fn: 'newItem', params: {} });
    expect(served('DELETE', '/api/echo')).toEqual({ fn: 'any', params: {} });
    expect(served('GET', '/health', '')).toEqual({ fn: 'health', params: {} });
  });

  it('answers 405 naming every method the matching routes take, 404 for a path no route matches', () => {
    // items/new matches both routes: GET is the template's, so it is served; DELETE neither's.
    expect(served('GET', '/api/items/new')).toEqual({ fn: 'item', params: { id: 'new' } });
    expect(served('DELETE', '/api/items/new')).toEqual({
      status: 405,
      detail: 'DELETE is not allowed on /api/items/new',
      headers: { allow: 'POST, GET, PUT' },
    });
    expect(served('GET', '/api/nothing')).toEqual({ status: 404, detail: 'No function serves /api/nothing' });
  });

  it("answers 404, not the console's 405, for a POST to a path only the catch-all GET route matches", () => {
    const withConsole = [...routes, route('console', '{*path}', ['GET', 'HEAD'])].sort((a, b) =>
      compareSpecificity(a.route, b.route),
    );
    const match = (method: string, path: string) => {
      const found = matchHttpRoute(withConsole, '', method, path);
      return found.fn ? found.fn.name : found;
    };
    expect(match('GET', '/index.html')).toBe('console');
    expect(match('POST', '/api/nothing')).toEqual({ status: 404, detail: 'No function serves /api/nothing' });
    expect(match('POST', '/')).toEqual({ status: 404, detail: 'No function serves /' });
    // A route that names the path still makes its 405, the catch-all's methods left out of `allow`.
    expect(match('DELETE', '/health')).toEqual({
      status: 405,
      detail: 'DELETE is not allowed on /health',
      headers: { allow: 'GET' },
    });
    // A catch-all under a literal, or one with a constraint, names its paths: its 405 stays.
    const files = [route('files', 'files/{*rest}', ['GET']), route('slug', '{*slug:alpha}', ['GET'])];
    expect(matchHttpRoute(files, '', 'POST', '/files/a/b')).toMatchObject({ status: 405 });
    expect(matchHttpRoute(files, '', 'POST', '/abc')).toMatchObject({ status: 405 });
  });

  it('serves nothing outside the prefix, including a path that only starts with its letters', () => {
    expect(served('GET', '/health')).toMatchObject({ status: 404 });
    expect(served('GET', '/apihealth')).toMatchObject({ status: 404 });
    expect(served('GET', '/api')).toMatchObject({ status: 404 });
  });
});
