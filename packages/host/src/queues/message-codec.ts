// Queue message bodies as the Functions host writes and reads them (host.json `messageEncoding`).
import type { RpcTypedData } from '../core-api.ts';

/** The text a trigger sees for a message as stored in the queue. @throws Error when base64 is expected and absent. */
export function decodeMessage(stored: string, encoding: 'base64' | 'none'): string {
  if (encoding === 'none') return stored;
  const compact = stored.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new Error('the message is not base64 (host.json extensions.queues.messageEncoding is "base64")');
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The stored form of one outgoing message. */
export function encodeMessage(body: string | Uint8Array, encoding: 'base64' | 'none'): string {
  if (encoding === 'base64') return Buffer.from(body).toString('base64');
  return typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
}

/**
 * The messages an output binding value stands for: a string or bytes is one message, a JSON array is one
 * message per element (as `return [a, b]` enqueues two on Azure), any other JSON value is one JSON message.
 */
export function outputMessages(data: RpcTypedData | null | undefined): Array<string | Uint8Array> {
  if (data === null || data === undefined) return [];
  if (typeof data.string === 'string') return [data.string];
  if (data.bytes) return [data.bytes];
  if (typeof data.int === 'number' || typeof data.int === 'string') return [String(data.int)];
  if (typeof data.double === 'number') return [String(data.double)];
  if (typeof data.json === 'string') {
    const value = JSON.parse(data.json) as unknown;
    if (value === null) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  return [];
}
