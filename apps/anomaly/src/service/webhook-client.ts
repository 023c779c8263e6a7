// The HTTP client alerts are posted with: every address a webhook host resolves to is checked when the socket
// connects (so a DNS answer that changes after registration, DNS rebinding, still meets the check), an IP
// written in the URL is checked before, and no redirect is followed (a 3xx is a failed delivery).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import {
  ipLiteralOf,
  tryFixedAddresses,
  tryRefuseAddress,
  type WebhookAddressPolicy,
} from './webhook-address-policy.ts';

/** Every address of `hostname`: fixed ones for localhost names, else what the system resolver answers. */
function resolveAll(hostname: string, callback: (error: Error | null, found: LookupAddress[]) => void): void {
  const fixed = tryFixedAddresses(hostname);
  if (fixed !== undefined) return callback(null, fixed);
  dnsLookup(hostname, { all: true, verbatim: true }, (error, found) => callback(error, found ?? []));
}

/** A webhook target this policy refuses; `message` names the address and why. */
export class WebhookTargetRefusedError extends Error {
  override readonly name = 'WebhookTargetRefused';
}

export interface WebhookResponse {
  status: number;
  ok: boolean;
}

/** Posts `body` to `url` under `policy`; throws WebhookTargetRefusedError for a refused address. */
export type WebhookPoster = (
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<WebhookResponse>;

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** Resolves `hostname` and refuses it unless every address it has is allowed (one bad answer is enough). */
export async function tryRefuseHost(
  policy: WebhookAddressPolicy,
  hostname: string,
): Promise<string | undefined> {
  const literal = ipLiteralOf(hostname);
  if (literal !== undefined) return tryRefuseAddress(policy, hostname, literal);
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    resolveAll(hostname, (error, found) => (error ? reject(error) : resolve(found))),
  );
  for (const { address } of addresses) {
    const reason = tryRefuseAddress(policy, hostname, address);
    if (reason !== undefined) return `${hostname} resolves to ${reason}`;
  }
  return undefined;
}

/** A poster whose connections only reach addresses `policy` allows. */
export function createWebhookPoster(policy: WebhookAddressPolicy): WebhookPoster {
  const lookup = (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolveAll(hostname, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const reason = tryRefuseAddress(policy, hostname, address);
        if (reason !== undefined)
          return callback(new WebhookTargetRefusedError(`${hostname} resolves to ${reason}`), []);
      }
      const first = addresses[0];
      if (options.all) return callback(null, addresses);
      if (first === undefined) return callback(new Error(`${hostname} has no address`), []);
      return callback(null, first.address, first.family);
    });
  };
  const agent = new Agent({ connect: { lookup } as never });
  return async (url, init) => {
    // The socket skips the lookup for an address written in the URL, so that one is judged here.
    const { hostname } = new URL(url);
    const literal = ipLiteralOf(hostname);
    if (literal !== undefined) {
      const reason = tryRefuseAddress(policy, hostname, literal);
      if (reason !== undefined) throw new WebhookTargetRefusedError(reason);
    }
    try {
      const response = await undiciFetch(url, {
        method: 'POST',
        headers: init.headers,
        body: init.body,
        redirect: 'manual',
        dispatcher: agent,
        signal: AbortSignal.timeout(init.timeoutMs),
      });
      await response.body?.cancel();
      return { status: response.status, ok: response.ok };
    } catch (error) {
      // undici reports a failed connect as "fetch failed" with the reason as its cause.
      const cause = error instanceof Error ? error.cause : undefined;
      if (cause instanceof WebhookTargetRefusedError) throw cause;
      throw error;
    }
  };
}
