// The bench scripts run under tsx, on Node's own ESM loader, not vitest's: every entry point they import must load
// there too (a named import of a CommonJS package that vitest's interop accepts can fail under Node).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string>;
};
// ./testing/vitest calls vitest's it/expect at import, by design: it loads only inside a vitest run.
const entries = Object.keys(manifest.exports)
  .filter((subpath) => subpath !== './testing/vitest')
  .map((subpath) => `@suite/shared${subpath.slice(1)}`);

it(`loads every @suite/shared entry point under Node's ESM loader with tsx (${entries.join(', ')})`, async () => {
  const imports = entries.map((entry) => `await import('${entry}');`).join(' ');
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', `${imports} console.log('loaded')`],
    { cwd: import.meta.dirname, timeout: 60_000 },
  );
  expect(stdout.trim()).toBe('loaded');
}, 90_000);
