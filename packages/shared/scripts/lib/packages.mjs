// Node-style package lookup on disk, shared by the bundle and package scripts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Parses a JSON file. */
export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** `@scope/name/sub/path` -> `@scope/name`; `name/sub` -> `name`. */
export function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Finds the folder of package `name` as Node would from `fromDir`: `<dir>/node_modules/<name>` walking up.
 * Returns undefined when it is not installed.
 */
export function findPackageDir(name, fromDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
