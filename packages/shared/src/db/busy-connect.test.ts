// A query whose connection is being opened while the process is busy for longer than the connection timeout (a
// training epoch in the same process, a loaded machine) still runs: pg's wall-clock timer fired before the
// server's answer was read, and the chatbot's console saw GET /api/jobs/{id}/events answer 503 under load. A
// server that never answers still fails the query after about the timeout.
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgDb } from './pg-db.ts';

/** Blocks the event loop for `ms` at once. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const url = process.env.DATABASE_URL;
let silent: net.Server;
let silentPort = 0;
const held = new Set<net.Socket>();
beforeAll(async () => {
  // Accepts connections and never says a word: a frozen server.
  silent = net.createServer((socket) => held.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

it.skipIf(!url)(
  'runs a query and a transaction whose connection opened during a 1.5 s stall (timeout 1 s)',
  async () => {
    const db = createPgDb(url!, { connectionTimeoutMs: 1_000 });
    try {
      const pending = db.query<{ one: number }>('SELECT 1 AS one');
      busy(1_500);
      expect((await pending).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    const again = createPgDb(url!, { connectionTimeoutMs: 1_000 });
    try {
      const pending = again.transaction((tx) => tx.query<{ two: number }>('SELECT 2 AS two'));
      busy(1_500);
      expect((await pending).rows).toEqual([{ two: 2 }]);
    } finally {
      await again.close();
    }
  },
  20_000,
);

it('fails a query against a server that never answers after about the timeout, as an outage', async () => {
  const db = createPgDb(`postgres://postgres@127.0.0.1:${silentPort}/test`, { connectionTimeoutMs: 500 });
  const started = performance.now();
  try {
    await expect(db.query('SELECT 1')).rejects.toMatchObject({
      name: 'DependencyError',
      message: expect.stringContaining('no connection within the timeout'),
    });
    expect(performance.now() - started).toBeLessThan(1_900);
  } finally {
    await db.close();
  }
}, 20_000);
