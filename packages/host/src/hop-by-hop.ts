// Hop-by-hop fields (RFC 9110 section 7.6.1) describe one connection, not the message: the host sits between the
// client and the library's streaming proxy, so it passes none of them on, in either direction, and frames and keeps
// each of its two connections by its own rules.
import type { IncomingHttpHeaders } from 'node:http';

/** The fields RFC 9110 section 7.6.1 names as connection-specific (besides those `Connection` lists). */
export const HOP_BY_HOP_FIELDS = Object.freeze([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'transfer-encoding',
  'upgrade',
]);

/** The field names a `Connection` header lists (lower case), so those fields stay on this hop too. */
function namedByConnection(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

/**
 * `headers` (as Node parsed them: lower-case names) without the hop-by-hop fields and those their `Connection`
 * header names: what an intermediary may forward.
 * @example withoutHopByHop({ connection: 'keep-alive, x-trace', 'x-trace': '1', accept: '*' }) // { accept: '*' }
 */
export function withoutHopByHop<H extends IncomingHttpHeaders>(headers: H): H {
  const forwarded = { ...headers };
  for (const name of [...HOP_BY_HOP_FIELDS, ...namedByConnection(headers.connection)]) delete forwarded[name];
  return forwarded;
}
