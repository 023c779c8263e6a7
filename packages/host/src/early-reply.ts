// A reply sent before the request body has arrived (a 401 before reading, a 413 from Content-Length) leaves the
// rest of the body on the connection. Read and discard it up to a bound so keep-alive survives; beyond the bound,
// say `Connection: close` and close, rather than leave the next request stuck behind unread bytes.
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';

/** The most body bytes the host reads and discards after an early reply to keep the connection open. */
export const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/** True when the body still to come is unknown (chunked) or more than the drain limit. */
function tooMuchToDrain(req: IncomingMessage): boolean {
  const declared = req.headers['content-length'];
  if (declared === undefined) return req.headers['transfer-encoding'] !== undefined;
  return !/^\d+$/.test(declared) || Number(declared) > DRAIN_LIMIT_BYTES;
}

/**
 * Call just before writing the response head of a request whose body was piped to `upstream`. When the body has
 * not all arrived, either marks `headers` with `connection: close` (too much left), or arranges for the rest to
 * be read and discarded once the response has finished, so the socket serves the next request.
 */
export function prepareEarlyReply(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: ClientRequest,
  headers: Record<string, unknown>,
): void {
  if (req.complete) return;
  if (tooMuchToDrain(req)) {
    headers.connection = 'close';
    res.on('finish', () => {
      req.unpipe(upstream);
      upstream.destroy();
    });
    return;
  }
  res.on('finish', () => {
    // The function has answered: what is left of the body goes nowhere, at the socket's speed.
    req.unpipe(upstream);
    upstream.destroy();
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
    });
    req.resume();
  });
}
