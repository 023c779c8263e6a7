// vitest globalSetup: one in-memory Azurite (blob and queue) for the whole test run, serving one storage account per
// startAzurite call the test files make (azurite-shared.ts), instead of an Azurite started in each file and engine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startAzuriteAccounts } from './azurite.ts';
import type { SharedAzurite } from './azurite-shared.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    suiteAzurite: SharedAzurite;
  }
}

// More than a package's test files ask for in one run (claims are never handed back, so watch-mode reruns use new
// ones); past the last, startAzurite spawns a private Azurite as before.
const ACCOUNTS = 64;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const names = Array.from({ length: ACCOUNTS }, (_, i) => `suitetest${i + 1}`);
  const azurite = await startAzuriteAccounts(names);
  const claimDir = await mkdtemp(join(tmpdir(), 'suite-azurite-claims-'));
  project.provide('suiteAzurite', { connectionStrings: azurite.connectionStrings, claimDir });
  return async () => {
    await azurite.stop();
    await rm(claimDir, { recursive: true, force: true });
  };
}
