// Seeded hostile requests against the whole app on the dev host: no 5xx, no hang, health answers after. The first
// training is done before the run: it runs in a worker thread while the app keeps answering (training-thread.test.ts),
// so the harness's hang budget, counted while the event loop runs, now runs during it too, and on a loaded machine
// (30-100 s at load 30-43) requests waiting for the first model outlasted it; they were answered once it was served.
import { resolve } from 'node:path';
import { startHost } from '@suite/host';
import { itSurvivesFuzz } from '@suite/shared/testing/vitest';

itSurvivesFuzz({
  entry: resolve(import.meta.dirname, '../index.ts'),
  startHost: async (options) => {
    const host = await startHost(options);
    const first = await fetch(`${host.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': process.env.ADMIN_KEY ?? '' },
      body: JSON.stringify({ message: 'hello' }),
    });
    await first.arrayBuffer();
    if (first.status !== 200) throw new Error(`the first chat answered ${first.status}`);
    return host;
  },
});
