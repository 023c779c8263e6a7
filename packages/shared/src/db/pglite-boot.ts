// How a new in-memory PGlite gets its cluster: from the template the test kit registers (testing/pglite-template.ts),
// else from the machine's template when `npm install` made one (pglite-template.ts), else by running initdb (~1.5 s of
// CPU on a quiet machine, ~3x the template's load: bench/RESULTS.md, 1 Dec 2026).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { PGliteOptions } from '@electric-sql/pglite';
import { assertOwnTemplate, pgliteTemplateFile } from './pglite-template.ts';

let boot: (() => Promise<PGliteOptions>) | undefined;

/** Makes every later in-memory PGlite of this process start from what `options` returns (undefined: the default). */
export function setPgliteBoot(options: (() => Promise<PGliteOptions>) | undefined): void {
  boot = options;
}

/** The machine's template as PGlite options, or none (initdb) when it was never made or cannot be read. */
async function machineTemplate(): Promise<PGliteOptions> {
  try {
    const file = pgliteTemplateFile();
    // Made under another name and renamed into place, so a file that exists is whole.
    if (!existsSync(file)) return {};
    assertOwnTemplate(file);
    return { loadDataDir: new Blob([await readFile(file)]) };
  } catch {
    return {};
  }
}

/** Options for a new in-memory engine: the registered template, else the machine's, else none (PGlite runs initdb). */
export function pgliteBootOptions(): Promise<PGliteOptions> {
  return boot ? boot() : machineTemplate();
}
