// Where benchmark data lives: ../shared/data from the repo root, overridable by SUITE_DATA_DIR.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo root is the nearest ancestor holding turbo.json. */
function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'turbo.json')) || existsSync(join(dir, 'src'))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

/** Absolute path of the shared data folder. */
export function getDataDir(): string {
  const fromEnv = process.env['SUITE_DATA_DIR'];
  if (fromEnv) return resolve(fromEnv);
  const root = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  return resolve(root, '..', 'shared', 'data');
}
