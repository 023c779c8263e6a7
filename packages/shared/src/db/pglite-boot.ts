// How a new in-memory PGlite gets its cluster: by running initdb (~1.5 s of CPU on every new engine), or by loading a
// pre-initialised data directory that the test kit registers once per process (see testing/pglite-template.ts).
import type { PGliteOptions } from '@electric-sql/pglite';

let boot: (() => Promise<PGliteOptions>) | undefined;

/** Makes every later in-memory PGlite of this process start from what `options` returns (undefined: initdb). */
export function setPgliteBoot(options: (() => Promise<PGliteOptions>) | undefined): void {
  boot = options;
}

/** Options for a new in-memory engine: the registered template, or none (PGlite runs initdb). */
export function pgliteBootOptions(): Promise<PGliteOptions> {
  return boot ? boot() : Promise.resolve({});
}
