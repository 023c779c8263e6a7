import { describe, expect, it } from 'vitest';
import { compareSpecificity, compileRoute } from './route-template.ts';

describe('compileRoute', () => {
  it('keeps a run of escapes that is not UTF-8 as sent, so the route still matches and its handler names the value', () => {
    const route = compileRoute('api/models/{name}');
    expect(route.match('api/models/%ED%A0%80')).toEqual({ name: '%ED%A0%80' });
    expect(route.match('api/models/a%20b%E2%82')).toEqual({ name: 'a b%E2%82' });
    expect(route.match('api/models/%25E9')).toEqual({ name: '%E9' });
  });

  it('extracts named parameters and decodes them', () => {
    expect(compileRoute('users/{id}/items/{name}').match('users/u%201/items/tea')).toEqual({
      id: 'u 1',
      name: 'tea',
    });
  });

  it('matches literal segments case-insensitively and tolerates a trailing slash', () => {
    expect(compileRoute('Health').match('health/')).toEqual({});
  });

  it('refuses a value that breaks an int constraint', () => {
    const route = compileRoute('items/{id:int}');
    expect(route.match('items/42')).toEqual({ id: '42' });
    expect(route.match('items/abc')).toBeUndefined();
    expect(route.match('items/4.2')).toBeUndefined();
  });

  it('applies bounded and chained constraints', () => {
    const route = compileRoute('pages/{n:int:min(1):max(10)}');
    expect(route.match('pages/10')).toEqual({ n: '10' });
    expect(route.match('pages/0')).toBeUndefined();
    expect(compileRoute('codes/{c:regex(^[a-z]{{2}}$)}').match('codes/ab')).toBeDefined();
    expect(compileRoute('g/{id:guid}').match('g/3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBeDefined();
    expect(compileRoute('g/{id:guid}').match('g/nope')).toBeUndefined();
  });

  it('lets an optional last parameter be left out', () => {
    const route = compileRoute('hello/{name?}');
    expect(route.match('hello')).toEqual({});
    expect(route.match('hello/ann')).toEqual({ name: 'ann' });
    expect(route.match('hello/ann/more')).toBeUndefined();
  });

  it('fills a default value when the segment is missing', () => {
    expect(compileRoute('list/{page=1}').match('list')).toEqual({ page: '1' });
  });

  it('captures the rest of the path with a catch-all', () => {
    expect(compileRoute('files/{*path}').match('files/a/b/c.txt')).toEqual({ path: 'a/b/c.txt' });
  });

  it('supports several parameters in one segment', () => {
    expect(compileRoute('archive/{year:int}-{month:int}').match('archive/2024-05')).toEqual({
      year: '2024',
      month: '05',
    });
  });

  it('does not match a longer or shorter path', () => {
    const route = compileRoute('series/{id}/scores');
    expect(route.match('series/a')).toBeUndefined();
    expect(route.match('series/a/scores/extra')).toBeUndefined();
  });

  it('rejects an unknown constraint at compile time', () => {
    expect(() => compileRoute('x/{id:banana}')).toThrow(/unknown constraint/);
  });

  it('orders literal routes before parameter routes', () => {
    const routes = [
      compileRoute('items/{id}'),
      compileRoute('items/special'),
      compileRoute('items/{id:int}'),
    ];
    routes.sort(compareSpecificity);
    expect(routes.map((r) => r.template)).toEqual(['items/special', 'items/{id:int}', 'items/{id}']);
  });
});
