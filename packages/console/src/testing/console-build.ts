// The app's console built once per test run and served by every test file of that run, instead of a Vite build per
// file (a few seconds of CPU each, nineteen files in all).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Builds the console of `appDir` (`npm run build:web`) into `outDir`, emptying it first. */
export function buildConsole(appDir: string, outDir: string): void {
  execFileSync('npm', ['run', '--silent', 'build:web', '--', '--outDir', outDir, '--emptyOutDir'], {
    cwd: appDir,
  });
}

/**
 * The folder holding `appDir`'s console built inside `cacheDir`: built by the first caller, while every other caller
 * (another test file, in its own process) waits for it, then served read-only by all. The build goes to a folder of
 * its own and is renamed into place, so no caller ever sees a half-built or emptied console (each Vite build
 * empties its output folder: a console that another file rebuilt lost its chunks under a running test). A failed
 * build is left to the next caller, which reports its own error.
 * @example const web = await ensureConsoleBuild(appDir, inject('suiteConsoleBuilds'));
 */
export async function ensureConsoleBuild(appDir: string, cacheDir: string): Promise<string> {
  const key = createHash('sha256').update(resolve(appDir)).digest('hex').slice(0, 16);
  const built = join(cacheDir, key);
  const lock = `${built}.lock`;
  for (;;) {
    if (existsSync(built)) return built;
    try {
      mkdirSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await sleep(100);
      continue;
    }
    try {
      if (existsSync(built)) return built;
      const staging = `${built}.${process.pid}`;
      buildConsole(appDir, staging);
      renameSync(staging, built);
      return built;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
