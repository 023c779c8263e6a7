// Checks a webhook when it is set: not this app (its alerts would come back as rejected metric points), and no
// address the webhook policy refuses (loopback, link-local, private... unless ALERT_ALLOWED_HOSTS allows it).
// Delivery checks the addresses again when it connects: what a name resolves to can change after this check.
import ipaddr from 'ipaddr.js';
import { ValidationError } from '@suite/shared/errors';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import { ipLiteralOf, normalizeHost } from './webhook-address-policy.ts';
import { tryRefuseHost } from './webhook-client.ts';

/** `localhost`, `x.localhost` (RFC 6761) and any loopback or unspecified address in any spelling. */
function isLoopbackHost(hostname: string): boolean {
  const host = normalizeHost(hostname);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const literal = ipLiteralOf(host);
  if (literal === undefined) return false;
  const range = ipaddr.process(literal).range();
  return range === 'loopback' || range === 'unspecified';
}

/**
 * True when `url` is this app: its public host (WEBSITE_HOSTNAME on Azure), the host it was called on, or
 * loopback on the port it was called on (`calledAt`: the URL of the request that sets the webhook, if any).
 */
export function pointsAtSelf(url: string, calledAt: string | undefined, config: AnomalyConfig): boolean {
  const target = new URL(url);
  const host = normalizeHost(target.hostname);
  if (config.selfHostname !== null && host === normalizeHost(config.selfHostname)) return true;
  if (calledAt === undefined) return false;
  const self = new URL(calledAt);
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  if (port(target) !== port(self)) return false;
  return host === normalizeHost(self.hostname) || (isLoopbackHost(host) && isLoopbackHost(self.hostname));
}

/** Throws a 400 naming `url` when the webhook would post to this app or to an address the policy refuses. */
export async function assertWebhookTarget(
  url: string,
  calledAt: string | undefined,
  config: AnomalyConfig,
): Promise<void> {
  if (pointsAtSelf(url, calledAt, config)) {
    throw new ValidationError('url points at this app', [
      { path: 'url', message: 'url must not point at this app: its alerts would come back as metrics' },
    ]);
  }
  let reason: string | undefined;
  try {
    reason = await tryRefuseHost(config.alertAddressPolicy, new URL(url).hostname);
  } catch {
    // A name that does not resolve from here may resolve where the alerts are sent from; delivery checks it.
    return;
  }
  if (reason !== undefined) {
    throw new ValidationError('url is not a public address', [
      { path: 'url', message: `url must reach a public address: ${reason}` },
    ]);
  }
}
