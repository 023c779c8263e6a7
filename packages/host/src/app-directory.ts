// The Function App folder around an entry file: where host.json, package.json and local.settings.json live.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Function App folder of an entry: the nearest folder above it holding host.json or package.json. */
export function findAppDirectory(entry: string): string {
  let dir = dirname(entry);
  for (;;) {
    if (existsSync(join(dir, 'host.json')) || existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return dirname(entry);
    dir = parent;
  }
}

/** A JSON file's content, or undefined when the file does not exist. */
export function readJsonFile(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/**
 * Copies `Values` of local.settings.json into the environment, as `func start` does; real env vars win. Nothing
 * when SUITE_LOCAL_SETTINGS is `off`, as every test run sets it (vitest.shared.ts): a developer's file points at
 * their dev database and Azurite, which a test must never open.
 */
export function applyLocalSettings(appDir: string): void {
  if (process.env.SUITE_LOCAL_SETTINGS === 'off') return;
  const settings = readJsonFile(join(appDir, 'local.settings.json'));
  const values = (settings?.Values ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) {
    if (process.env[key] === undefined && typeof value === 'string') process.env[key] = value;
  }
}
