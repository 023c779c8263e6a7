// Every request of api.http, in order, against the app started as `npm run dev` starts it (both engines): each
// answers 2xx, so the examples cannot drift from the API. The README's curl examples are the same requests.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleApp } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_KEY = 'api-examples-admin-key';

interface Example {
  title: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

/** The requests of a REST Client file: `###` separates them, `@name = value` defines variables, `< file` a body. */
function parseHttpFile(file: string, vars: Record<string, string>): Example[] {
  const text = readFileSync(file, 'utf8');
  for (const [, name, value] of text.matchAll(/^@(\w+)\s*=\s*(.*)$/gm)) vars[name!] ??= value!.trim();
  const fill = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
  return text
    .split(/^###/m)
    .slice(1)
    .map((block) => {
      const [title = '', ...lines] = block.split('\n');
      const start = lines.findIndex((l) => /^[A-Z]+ /.test(l));
      const [method, url] = fill(lines[start]!).split(' ') as [string, string];
      const headers: Record<string, string> = {};
      let i = start + 1;
      for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
        const [name, ...value] = lines[i]!.split(':');
        headers[name!.trim()] = fill(value.join(':').trim());
      }
      const rest = lines
        .slice(i + 1)
        .join('\n')
        .trim();
      const include = /^< (.+)$/.exec(rest);
      const body = include
        ? new Uint8Array(readFileSync(resolve(dirname(file), include[1]!)))
        : rest || undefined;
      return {
        title: title.trim(),
        method,
        path: new URL(url).pathname + new URL(url).search,
        headers,
        body,
      };
    });
}

let app: ConsoleApp;
beforeAll(async () => {
  app = await startConsoleApp({ appDir: APP_DIR, skipBuild: true, env: { ADMIN_KEY } });
  // Until the embedded database is up, health answers 503 "starting" (the api.http example says so), and a
  // keep-alive socket may be reset while PGlite's start blocks the event loop.
  const healthy = () =>
    fetch(`${app.url}/api/health`).then(
      (res) => res.status === 200,
      () => false,
    );
  for (let tries = 0; !(await healthy()); tries++) {
    if (tries > 240) throw new Error('the app did not become healthy');
    await new Promise((wait) => setTimeout(wait, 250));
  }
}, 240_000);
afterAll(async () => {
  await app?.stop();
});

describe(`api.http (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('answers every example with a 2xx, in order', async () => {
    const examples = parseHttpFile(join(APP_DIR, 'api.http'), { adminKey: ADMIN_KEY });
    expect(examples.length).toBeGreaterThan(15);
    /** The served version of each model, from the last listing that named it. */
    const served = new Map<string, string>();
    for (const example of examples) {
      // The pin examples name a placeholder version id: use the one the listing before them served.
      const name = /[?&]name=([^&]+)/.exec(example.path)?.[1];
      const version = example.path.includes('/pin') && name ? served.get(name) : undefined;
      const path = version ? example.path.replace(/\d{8}T\d{9}Z-[0-9a-f]{6}/, version) : example.path;
      const res = await fetch(new URL(path, app.url), {
        method: example.method,
        headers: example.headers,
        body: example.body,
      });
      const text = await res.text();
      expect(res.status, `${example.title}: ${text.slice(0, 300)}`).toBeLessThan(300);
      if (example.method === 'GET' && example.path.startsWith('/api/models')) {
        const listed = JSON.parse(text) as { models: Array<{ name: string; served: string }> };
        for (const model of listed.models) served.set(model.name, model.served);
      }
    }
    expect(served.get('fraud-v1')).toBeDefined();
  }, 120_000);
});
