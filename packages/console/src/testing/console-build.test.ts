// The browser test files of one run share one console build (console-build.ts).
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from './console-build.ts';

// A stand-in app whose build:web writes index.html and counts its runs (a real Vite build takes seconds).
const BUILD = `
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
const outDir = process.argv[process.argv.indexOf('--outDir') + 1];
appendFileSync('builds.log', outDir + '\\n');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
await new Promise((resolve) => setTimeout(resolve, 300));
writeFileSync(outDir + '/index.html', '<p>console</p>');
`;

describe('one console build per test run', () => {
  const root = mkdtempSync(join(tmpdir(), 'console-build-test-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const app = join(root, 'app');
  const cache = join(root, 'cache');

  it('builds once for concurrent callers, each served the finished build, and never rebuilds it', async () => {
    for (const dir of [app, cache]) mkdirSync(dir);
    writeFileSync(join(app, 'build.mjs'), BUILD);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'stand-in', type: 'module', scripts: { 'build:web': 'node build.mjs' } }),
    );
    const dirs = await Promise.all([1, 2, 3].map(() => ensureConsoleBuild(app, cache)));
    expect(new Set(dirs).size).toBe(1);
    for (const dir of dirs) expect(readFileSync(join(dir!, 'index.html'), 'utf8')).toBe('<p>console</p>');
    // A file served from the build stays there: a later test file does not empty it by building again.
    appendFileSync(join(dirs[0]!, 'index.html'), '<!-- served -->');
    expect(await ensureConsoleBuild(app, cache)).toBe(dirs[0]);
    expect(readFileSync(join(dirs[0]!, 'index.html'), 'utf8')).toContain('served');
    expect(readFileSync(join(app, 'builds.log'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
