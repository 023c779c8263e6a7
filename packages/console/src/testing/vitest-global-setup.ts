// vitest globalSetup of the apps with a console: one folder per test run where the first browser test file builds
// the console and the others serve that build (console-build.ts); removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    suiteConsoleBuilds: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'suite-console-builds-'));
  project.provide('suiteConsoleBuilds', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
