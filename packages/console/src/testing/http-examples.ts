// Runs an `api.http` file of examples (VS Code REST Client / JetBrains format) against a running app, in order,
// so the examples a README points to are tested, not only written: `@var = value` lines, `###` between requests,
// `# @name x` with `{{x.response.body.a[0].b}}` in later requests, `< file` bodies relative to the file.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** One example as it ran. */
export interface HttpExampleResult {
  title: string;
  method: string;
  url: string;
  status: number;
  /** The status the example says it expects (`# expect 409`), else any 2xx or 3xx. */
  expected: number | undefined;
  ok: boolean;
  body: string;
}

interface Example {
  title: string;
  name: string | undefined;
  expected: number | undefined;
  lines: string[];
}

function parse(text: string): { variables: Map<string, string>; examples: Example[] } {
  const variables = new Map<string, string>();
  const examples: Example[] = [];
  let current: Example | undefined;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.startsWith('###')) {
      current = { title: line.slice(3).trim(), name: undefined, expected: undefined, lines: [] };
      examples.push(current);
      continue;
    }
    const variable = /^@([\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (!current) {
      if (variable) variables.set(variable[1]!, variable[2]!.trim());
      continue;
    }
    const name = /^#\s*@name\s+(\S+)/.exec(line);
    const expect = /^#\s*expect\s+(\d{3})\b/.exec(line);
    if (name) current.name = name[1];
    else if (expect) current.expected = Number(expect[1]);
    else if (!(current.lines.length === 0 && /^\s*(#|\/\/|$)/.test(line))) current.lines.push(line);
  }
  return { variables, examples: examples.filter((e) => e.lines.length > 0) };
}

function pick(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.match(/[^.[\]]+/g) ?? []) at = (at as Record<string, unknown> | undefined)?.[key];
  return at;
}

/**
 * Runs every example of `file` against `baseUrl` (the app's origin; it replaces the file's `@base` host part),
 * with `variables` overriding the file's (e.g. the test's admin key). Stops at nothing: each result says
 * whether it met its expectation.
 * @example const results = await runHttpExamples('apps/chatbot/api.http', app.url, { adminKey: KEY });
 */
export async function runHttpExamples(
  file: string,
  baseUrl: string,
  overrides: Record<string, string> = {},
): Promise<HttpExampleResult[]> {
  const { variables, examples } = parse(readFileSync(file, 'utf8'));
  for (const [key, value] of Object.entries(overrides)) variables.set(key, value);
  for (const [key, value] of variables)
    variables.set(key, value.replace(/^https?:\/\/localhost:\d+/, baseUrl));
  const responses = new Map<string, unknown>();
  const statuses = new Map<string, string>();
  const fill = (text: string) =>
    text.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (whole, ref: string) => {
      if (variables.has(ref)) return variables.get(ref)!;
      const m = /^([\w-]+)\.response\.body\.(.+)$/.exec(ref);
      const found = m ? pick(responses.get(m[1]!), m[2]!) : undefined;
      if (found === undefined) {
        const status = m ? statuses.get(m[1]!) : undefined;
        throw new Error(
          `${file}: ${whole} has no value${status ? ` (that request answered ${status})` : ''}`,
        );
      }
      return String(found);
    });
  const results: HttpExampleResult[] = [];
  for (const example of examples) {
    const [requestLine, ...rest] = example.lines;
    const [method, url] = fill(requestLine!).trim().split(/\s+/) as [string, string];
    const headers: Record<string, string> = {};
    let i = 0;
    for (; i < rest.length && rest[i]!.trim() !== ''; i++) {
      const colon = rest[i]!.indexOf(':');
      headers[rest[i]!.slice(0, colon).trim()] = fill(rest[i]!.slice(colon + 1).trim());
    }
    const bodyText = rest
      .slice(i + 1)
      .join('\n')
      .trim();
    const fromFile = /^<\s+(.+)$/.exec(bodyText);
    const body = fromFile
      ? readFileSync(resolve(dirname(file), fromFile[1]!.trim()))
      : bodyText
        ? fill(bodyText)
        : undefined;
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    if (example.name) {
      statuses.set(example.name, `${response.status} ${text.slice(0, 200)}`);
      try {
        responses.set(example.name, JSON.parse(text));
      } catch {
        responses.set(example.name, text);
      }
    }
    const ok = example.expected !== undefined ? response.status === example.expected : response.status < 400;
    results.push({
      title: example.title,
      method,
      url,
      status: response.status,
      expected: example.expected,
      ok,
      body: text,
    });
  }
  return results;
}
