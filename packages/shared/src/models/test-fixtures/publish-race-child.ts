// Child process for the cross-process publish race test: says it is ready, publishes once when told, reports.
import { ConflictError } from '../../errors/index.ts';
import { createFsModelStore } from '../fs-model-store.ts';

const [root, label] = process.argv.slice(2);
const store = createFsModelStore(root ?? '.');
// Loaded and ready: the parent releases every child at once with a line on stdin, so the publishes overlap.
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
try {
  const manifest = await store.publish('race', new TextEncoder().encode(`from ${label}`), {
    expectedLatest: null,
  });
  process.stdout.write(JSON.stringify({ outcome: 'won', version: manifest.version }));
} catch (error) {
  if (!(error instanceof ConflictError)) throw error;
  process.stdout.write(JSON.stringify({ outcome: 'conflict', currentLatest: error.details?.currentLatest }));
}
