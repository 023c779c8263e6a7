// A pre-initialised PGlite cluster: made once per user and PGlite version (a tar of a fresh data directory in the
// user's cache folder, not the shared temp folder, where another user could plant one), then loaded by every new engine instead of running initdb. initdb costs ~1.5 s of CPU in memory and
// ~3.8 s on a new data folder; loading the template ~0.25-0.45 s. Tests load it for every in-memory engine
// (testing/pglite-template.ts); a new PGLITE_DATA_DIR starts from it (pglite-db.ts), and `npm install` makes it.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, sep } from 'node:path';

function pgliteVersion(): string {
  // The package's exports do not include package.json; its main entry sits in dist/ beside it.
  const main = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = join(main.slice(0, main.lastIndexOf(`${sep}dist${sep}`)), 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** The user's cache folder for the template: $XDG_CACHE_HOME, else ~/.cache. */
function templateCacheDir(): string {
  const cache = process.env.XDG_CACHE_HOME;
  return join(
    cache !== undefined && cache !== '' ? cache : join(homedir(), '.cache'),
    'suite-pglite-template',
  );
}

/** Where the template of the installed PGlite version lives (a tar of its data directory). */
export function pgliteTemplateFile(dir: string = templateCacheDir()): string {
  return join(dir, `pglite-${pgliteVersion()}.tar`);
}

/**
 * Refuses a template another user owns: its cluster would become this user's data (where there are user ids).
 * @example assertOwnTemplate('/home/me/.cache/suite-pglite-template/pglite-0.3.tar');
 */
export function assertOwnTemplate(path: string): void {
  const uid = process.getuid?.();
  const owner = statSync(path).uid;
  if (uid !== undefined && owner !== uid) {
    throw new Error(`PGlite template ${path} belongs to user ${owner}, not ${uid}: not used`);
  }
}

/**
 * Returns the template file, creating it when missing: one PGlite boots (initdb) and dumps its data directory.
 * Written under a temporary name and renamed, so concurrent test runs never read half a file.
 * @example const file = await ensurePgliteTemplate(); usePgliteTemplate(file);
 */
export async function ensurePgliteTemplate(file: string = pgliteTemplateFile()): Promise<string> {
  if (existsSync(file)) {
    assertOwnTemplate(file);
    return file;
  }
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
 * The template as a closed data folder beside the tar (`.dir`), made from it once: a new data folder is a native copy
 * of it, ~0.4 s of CPU less than unpacking the tar through PGlite. Made under a temporary name and renamed; when a
 * concurrent process won the rename, its folder is used.
 */
export async function ensurePgliteTemplateFolder(file: string = pgliteTemplateFile()): Promise<string> {
  const dir = file.replace(/\.tar$/, '.dir');
  if (existsSync(join(dir, 'PG_VERSION'))) {
    assertOwnTemplate(dir);
    return dir;
  }
  const tar = await ensurePgliteTemplate(file);
  const partial = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  const { PGlite } = await import('@electric-sql/pglite');
  try {
    const engine = new PGlite(partial, { loadDataDir: new Blob([await readFile(tar)]) });
    try {
      await engine.waitReady;
    } finally {
      await engine.close();
    }
    await rename(partial, dir).catch((error: unknown) => {
      if (!existsSync(join(dir, 'PG_VERSION'))) throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return dir;
}
