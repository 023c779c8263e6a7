// Keeps the @azure/functions library's internal HTTP proxy on loopback: it calls `server.listen(callback)`, which
// binds every interface, and only the host on the same machine ever talks to it.
import net from 'node:net';

type Listen = (...args: unknown[]) => net.Server;

/**
 * Runs `fn` while `listen()` calls that name no host bind 127.0.0.1 instead of every interface, then restores
 * `listen`. Only for the library's proxy set-up at start, before the host itself listens.
 */
export async function withLoopbackListen<T>(fn: () => Promise<T> | T): Promise<T> {
  const proto = net.Server.prototype as unknown as { listen: Listen };
  const original = proto.listen;
  proto.listen = function (this: net.Server, ...args: unknown[]) {
    if (args.length === 0 || typeof args[0] === 'function')
      return original.call(this, 0, '127.0.0.1', ...args);
    if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function'))
      return original.call(this, args[0], '127.0.0.1', ...args.slice(1));
    return original.apply(this, args);
  };
  try {
    return await fn();
  } finally {
    proto.listen = original;
  }
}
