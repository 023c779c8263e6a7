// The admin API's key, as the real host guards /admin/*: a master key in the `x-functions-key` header (or `?code=`).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header the real Functions host reads keys from. */
export const FUNCTIONS_KEY_HEADER = 'x-functions-key';

/** Where the key came from, for the start-up line: a configured key is named, never printed. */
export interface MasterKey {
  value: string;
  source: 'FUNCTIONS_MASTER_KEY' | 'generated' | 'option';
}

/**
 * The key of this run: `FUNCTIONS_MASTER_KEY` from the environment (or `local.settings.json`'s Values, which the
 * host has applied to the environment by then), else a fresh random one, so a forgotten dev host on a shared
 * machine does not run timers and queue triggers for whoever finds its port.
 */
export function resolveMasterKey(env: Record<string, string | undefined> = process.env): MasterKey {
  const configured = env.FUNCTIONS_MASTER_KEY?.trim();
  if (configured) return { value: configured, source: 'FUNCTIONS_MASTER_KEY' };
  return { value: randomBytes(24).toString('base64url'), source: 'generated' };
}

function sameKey(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the key.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** True when `req` carries `key` in `x-functions-key` or in the `code` query parameter, as the real host accepts. */
export function hasMasterKey(req: IncomingMessage, url: URL, key: string): boolean {
  const header = req.headers[FUNCTIONS_KEY_HEADER];
  const given = typeof header === 'string' && header !== '' ? header : url.searchParams.get('code');
  return given !== null && given !== '' && sameKey(given, key);
}
