#!/usr/bin/env node
// Local Azure Functions host for the suite's apps: `suite-host --port 7071 src/index.ts`.
// The host and the apps are TypeScript source, so tsx's loader is registered before anything else loads.
// It is registered in this process (module.register, what `node --import tsx` does) instead of re-executing
// node: one process per app means signals from turbo or a test reach the host directly and no child can be
// orphaned. tsx is resolved from node_modules relative to this file, so it works from any working directory.
import { register } from 'tsx/esm/api';

register();
const { runHostCli } = await import('../src/cli.ts');
try {
  await runHostCli(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}
