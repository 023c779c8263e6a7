// Refuses a webhook that points at this app: its alerts would come back as rejected metric points.
import { ValidationError } from '@suite/shared/errors';
import type { AnomalyConfig } from '../config/anomaly-config.ts';

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/i;

/**
 * True when `url` is this app: its public host (WEBSITE_HOSTNAME on Azure), the host it was called on, or
 * loopback on the port it was called on (`calledAt`: the URL of the request that sets the webhook, if any).
 */
export function pointsAtSelf(url: string, calledAt: string | undefined, config: AnomalyConfig): boolean {
  const target = new URL(url);
  if (config.selfHostname !== null && target.hostname === config.selfHostname) return true;
  if (calledAt === undefined) return false;
  const self = new URL(calledAt);
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  if (port(target) !== port(self)) return false;
  return (
    target.hostname === self.hostname || (LOOPBACK.test(target.hostname) && LOOPBACK.test(self.hostname))
  );
}

/** Throws a 400 naming `url` when the webhook would post to this app. */
export function assertWebhookTarget(url: string, calledAt: string | undefined, config: AnomalyConfig): void {
  if (pointsAtSelf(url, calledAt, config)) {
    throw new ValidationError('url points at this app', [
      { path: 'url', message: 'url must not point at this app: its alerts would come back as metrics' },
    ]);
  }
}
