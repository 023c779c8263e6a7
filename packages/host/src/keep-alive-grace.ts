// Node closes an idle keep-alive connection when its timer fires, and timers run before sockets are read: after the
// event loop was busy past the keep-alive timeout (a classifier training on the first chat, a large parse), it
// closed connections on which the client had meanwhile sent its next request, which the client saw as a reset
// ("fetch failed"). Those requests now get one turn of the loop to be read before an idle connection is closed.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Takes over the closing of timed-out connections of `server` (Node closes them itself only while no 'timeout'
 * listener exists): a connection is closed when nothing arrived on it by the next turn of the event loop, so a
 * request that arrived while the loop was blocked is served instead of reset.
 * @example const server = http.createServer(handler); closeIdleAfterReading(server);
 */
export function closeIdleAfterReading(server: Server): void {
  server.on('timeout', (socket: Socket) => {
    const bytesRead = socket.bytesRead;
    // setImmediate runs after the loop's poll phase, which reads whatever the client sent meanwhile.
    setImmediate(() => {
      if (!socket.destroyed && socket.bytesRead === bytesRead) socket.destroy();
    });
  });
}
