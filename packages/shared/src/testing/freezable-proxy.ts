// A TCP proxy for tests that can freeze: it stops forwarding in both directions without closing anything, as a
// network partition or a dead NAT entry does, so a client sees neither data nor a reset.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A running proxy; `port` listens on 127.0.0.1. */
export interface FreezableProxy {
  port: number;
  /** Stop forwarding on every connection, open and future; bytes sent meanwhile are dropped. */
  freeze(): void;
  /** Forward again (new connections work; bytes dropped while frozen are lost, as on a real link). */
  thaw(): void;
  /** Close the listener and every connection. */
  close(): Promise<void>;
}

/**
 * Start a proxy from a free port on 127.0.0.1 to `target`.
 *
 * @example
 * const proxy = await startFreezableProxy({ host: '127.0.0.1', port: 5432 });
 * const db = createDb({ url: `postgres://postgres@127.0.0.1:${proxy.port}/test` });
 * proxy.freeze(); // in-flight queries now wait for their timeout
 */
export async function startFreezableProxy(target: { host: string; port: number }): Promise<FreezableProxy> {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => {
      if (!frozen) to.write(chunk);
    });
    from.on('end', () => {
      if (!frozen) to.end();
    });
    from.on('error', () => to.destroy());
    from.on('close', () => sockets.delete(from));
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
