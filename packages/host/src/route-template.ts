// Azure Functions (ASP.NET) route templates: `users/{id:int}/items/{name?}`, `files/{*path}`, matched against a path.

/** A compiled route template. */
export interface RouteTemplate {
  readonly template: string;
  /** Higher is more specific; literals beat constrained parameters, which beat plain ones and catch-alls. */
  readonly specificity: number[];
  /** True for a template that is one catch-all (`{*path}`): it matches every path, so it says nothing about one. */
  readonly matchesEveryPath: boolean;
  /** Route parameters for `path` (without the route prefix, no leading slash), or undefined when it does not match. */
  match(path: string): Record<string, string> | undefined;
}

interface ParamSpec {
  name: string;
  constraints: string[];
  optional: boolean;
  catchAll: boolean;
  defaultValue: string | undefined;
}

const CONSTRAINTS: Record<string, (value: string, arg: string | undefined) => boolean> = {
  int: (v) => /^-?\d+$/.test(v) && Math.abs(Number(v)) <= 2 ** 31,
  long: (v) => /^-?\d+$/.test(v),
  bool: (v) => /^(true|false)$/i.test(v),
  double: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  float: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  decimal: (v) => /^-?\d+(\.\d+)?$/.test(v),
  guid: (v) => /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(v),
  datetime: (v) => !Number.isNaN(Date.parse(v)),
  alpha: (v) => /^[a-z]+$/i.test(v),
  minlength: (v, a) => v.length >= Number(a),
  maxlength: (v, a) => v.length <= Number(a),
  length: (v, a) => {
    const [min, max] = (a ?? '').split(',').map(Number);
    return max === undefined ? v.length === min : v.length >= (min ?? 0) && v.length <= max;
  },
  min: (v, a) => Number(v) >= Number(a),
  max: (v, a) => Number(v) <= Number(a),
  range: (v, a) => {
    const [min, max] = (a ?? '').split(',').map(Number);
    return Number(v) >= (min ?? -Infinity) && Number(v) <= (max ?? Infinity);
  },
  regex: (v, a) => new RegExp(a ?? '', 'i').test(v),
};

function parseParam(body: string, template: string): ParamSpec {
  let text = body;
  const catchAll = text.startsWith('*');
  if (catchAll) text = text.replace(/^\*+/, '');
  let defaultValue: string | undefined;
  const eq = text.indexOf('=');
  if (eq >= 0) {
    defaultValue = text.slice(eq + 1);
    text = text.slice(0, eq);
  }
  const optional = text.endsWith('?');
  if (optional) text = text.slice(0, -1);
  // Constraints may hold ':' inside their arguments (regex), so split only outside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  const [name, ...constraints] = parts;
  if (!name) throw new Error(`Route template "${template}" has a parameter without a name`);
  for (const c of constraints) {
    const kind = c.replace(/\(.*$/s, '').toLowerCase();
    if (!(kind in CONSTRAINTS)) throw new Error(`Route template "${template}": unknown constraint "${c}"`);
  }
  return { name, constraints, optional, catchAll, defaultValue };
}

function satisfies(value: string, constraints: string[]): boolean {
  return constraints.every((c) => {
    const open = c.indexOf('(');
    const kind = (open >= 0 ? c.slice(0, open) : c).toLowerCase();
    const arg = open >= 0 ? c.slice(open + 1, c.lastIndexOf(')')) : undefined;
    const check = CONSTRAINTS[kind];
    return check ? check(value, arg) : false;
  });
}

/** Splits a segment into literal text and `{param}` pieces; braces inside a constraint's parentheses stay put. */
function splitSegment(segment: string, template: string): string[] {
  const pieces: string[] = [];
  let literal = '';
  for (let i = 0; i < segment.length; i += 1) {
    const ch = segment[i]!;
    if (ch === '{' && segment[i + 1] === '{') {
      literal += '{';
      i += 1;
      continue;
    }
    if (ch !== '{') {
      literal += ch;
      continue;
    }
    if (literal) pieces.push(literal);
    literal = '';
    let depth = 0;
    let param = '{';
    for (i += 1; i < segment.length; i += 1) {
      const c = segment[i]!;
      if (c === '(') depth += 1;
      if (c === ')') depth -= 1;
      if (c === '}' && depth === 0) break;
      // `{{` and `}}` escape a brace inside a constraint, as in ASP.NET route templates.
      if ((c === '{' || c === '}') && segment[i + 1] === c) i += 1;
      param += c;
    }
    if (i >= segment.length) throw new Error(`Route template "${template}" has an unclosed "{"`);
    pieces.push(`${param}}`);
  }
  if (literal) pieces.push(literal);
  return pieces;
}

/**
 * Percent-decodes a route value as Kestrel does for Azure: a run of escapes that is not UTF-8 (`%ED%A0%80`, a
 * lone surrogate; a cut `%E2%82`) stays as it was sent, so the handler's own checks name the value, where a
 * failed decode used to make the route not match and the router answer 404 "No function serves".
 */
function decodePathValue(raw: string): string {
  return raw.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a route template. Literal segments match case-insensitively, as on Azure.
 * @example compileRoute('users/{id:int}/recommendations').match('users/42/recommendations') // { id: '42' }
 */
export function compileRoute(template: string): RouteTemplate {
  const segments = template
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .filter((s) => s !== '');
  const params: ParamSpec[] = [];
  const specificity: number[] = [];
  let pattern = '^';
  segments.forEach((segment, index) => {
    const pieces = splitSegment(segment, template);
    const single =
      pieces.length === 1 && pieces[0]!.startsWith('{')
        ? parseParam(pieces[0]!.slice(1, -1), template)
        : undefined;
    const sep = index === 0 ? '' : '/';
    if (single && (single.optional || single.catchAll || single.defaultValue !== undefined)) {
      params.push(single);
      const value = single.catchAll ? '(.*)' : '([^/]+)';
      pattern += `(?:${escapeRegExp(sep)}${value})?`;
      specificity.push(single.catchAll ? 0 : 1);
      return;
    }
    pattern += escapeRegExp(sep);
    let score = 3;
    for (const piece of pieces) {
      if (piece.startsWith('{')) {
        const spec = parseParam(piece.slice(1, -1), template);
        params.push(spec);
        pattern += spec.catchAll ? '(.*)' : '([^/]+?)';
        score = Math.min(score, spec.catchAll ? 0 : spec.constraints.length > 0 ? 2 : 1);
      } else {
        pattern += escapeRegExp(piece);
      }
    }
    specificity.push(score);
  });
  const regex = new RegExp(`${pattern}/?$`, 'i');
  return {
    template,
    specificity,
    matchesEveryPath: pattern === '^(?:(.*))?' && params[0]?.constraints.length === 0,
    match(path: string) {
      const found = regex.exec(path.replace(/^\/+/, ''));
      if (!found) return undefined;
      const result: Record<string, string> = {};
      for (let i = 0; i < params.length; i += 1) {
        const spec = params[i]!;
        const raw = found[i + 1];
        if (raw === undefined || raw === '') {
          if (spec.defaultValue !== undefined) result[spec.name] = spec.defaultValue;
          else if (!spec.optional && !spec.catchAll) return undefined;
          continue;
        }
        const value = decodePathValue(raw);
        if (!satisfies(value, spec.constraints)) return undefined;
        result[spec.name] = value;
      }
      return result;
    },
  };
}

/** Orders routes so that the most specific template is tried first (literals before parameters). */
export function compareSpecificity(a: RouteTemplate, b: RouteTemplate): number {
  const length = Math.max(a.specificity.length, b.specificity.length);
  for (let i = 0; i < length; i += 1) {
    const diff = (b.specificity[i] ?? -1) - (a.specificity[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}
