// Builds the dev host into one plain .mjs so a packaged app runs under bare `node`, like the real worker (no tsx).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SHARED_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const RUNNER_SOURCE = `
import { runHostCli } from './src/host/cli.ts';
await runHostCli(process.argv.slice(2));
`;

let building: Promise<string> | undefined;

/**
 * Bundles `suite-host` (the CLI of `@suite/shared/host`) into `<dir>/suite-host.mjs` once per process and
 * returns its path. Running the app through tsx would hide a bundle that still needs a TypeScript loader.
 * @example const runner = await ensureHostRunner(); spawn(process.execPath, [runner, '--port', '0', 'dist/index.js']);
 */
export function ensureHostRunner(dir: string = join(tmpdir(), 'suite-host-runner')): Promise<string> {
  building ??= (async () => {
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `suite-host-${process.pid}.mjs`);
    await build({
      stdin: {
        contents: RUNNER_SOURCE,
        resolveDir: SHARED_DIR,
        loader: 'ts',
        sourcefile: 'suite-host-runner.ts',
      },
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'error',
    });
    if (!existsSync(outfile)) throw new Error(`host runner was not written to ${outfile}`);
    process.once('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  building.catch(() => {
    building = undefined;
  });
  return building;
}
