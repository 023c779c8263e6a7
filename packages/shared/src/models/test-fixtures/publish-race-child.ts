// Child process for the cross-process publish race test: waits for a shared start time, publishes once, reports.
import { ConflictError } from '../../errors/index.ts';
import { createFsModelStore } from '../fs-model-store.ts';

const [root, startAt, label] = process.argv.slice(2);
const store = createFsModelStore(root ?? '.');
const delay = Number(startAt) - Date.now() - 30;
if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
// Spin the last few milliseconds: timer wake-ups differ by more than a publish takes.
while (Date.now() < Number(startAt)) {
  /* wait */
}
try {
  const manifest = await store.publish('race', new TextEncoder().encode(`from ${label}`), {
    expectedLatest: null,
  });
  process.stdout.write(JSON.stringify({ outcome: 'won', version: manifest.version }));
} catch (error) {
  if (!(error instanceof ConflictError)) throw error;
  process.stdout.write(JSON.stringify({ outcome: 'conflict', currentLatest: error.details?.currentLatest }));
}
