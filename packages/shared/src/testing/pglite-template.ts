// A pre-initialised PGlite cluster for tests: made once per machine and PGlite version, loaded by every new engine.
// A fresh in-memory PGlite runs initdb, which costs ~1.5 s of CPU (3 s for the first engine of a process); loading
// this template's data directory instead costs ~0.45 s, so a test database is cheap and no test pays for initdb.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { setPgliteBoot } from '../db/pglite-boot.ts';

function pgliteVersion(): string {
  // The package's exports do not include package.json; its main entry sits in dist/ beside it.
  const main = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = join(main.slice(0, main.lastIndexOf(`${sep}dist${sep}`)), 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** Where the template of the installed PGlite version lives (a tar of its data directory). */
export function pgliteTemplateFile(dir: string = join(tmpdir(), 'suite-pglite-template')): string {
  return join(dir, `pglite-${pgliteVersion()}.tar`);
}

/**
 * Returns the template file, creating it when missing: one PGlite boots (initdb) and dumps its data directory.
 * Written under a temporary name and renamed, so concurrent test runs never read half a file.
 * @example const file = await ensurePgliteTemplate(); usePgliteTemplate(file);
 */
export async function ensurePgliteTemplate(file: string = pgliteTemplateFile()): Promise<string> {
  if (existsSync(file)) return file;
  const { PGlite } = await import('@electric-sql/pglite');
  const engine = new PGlite();
  let dump: Blob;
  try {
    await engine.waitReady;
    dump = await engine.dumpDataDir('none');
  } finally {
    await engine.close();
  }
  await mkdir(join(file, '..'), { recursive: true });
  const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return file;
}

/**
 * Makes every in-memory PGlite this process creates from now on (createTestDb('pglite'), getDb() without
 * DATABASE_URL) load `file` instead of running initdb. The file is read once, on the first engine.
 */
export function usePgliteTemplate(file: string): void {
  let data: Promise<Blob> | undefined;
  setPgliteBoot(async () => {
    data ??= readFile(file).then((bytes) => new Blob([bytes]));
    return { loadDataDir: await data };
  });
}
