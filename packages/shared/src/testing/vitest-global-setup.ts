// vitest globalSetup: makes the PGlite template once per machine, before any test file starts, outside every test's
// timeout, and hands its path to the test workers (vitest-setup.ts).
import type { TestProject } from 'vitest/node';
import { ensurePgliteTemplate } from './pglite-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    suitePgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('suitePgliteTemplate', await ensurePgliteTemplate());
}
