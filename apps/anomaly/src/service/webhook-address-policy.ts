// Which addresses alert webhooks may reach: public unicast only, unless ALERT_ALLOWED_HOSTS names the host or a
// CIDR holding the address. Loopback, link-local (169.254.169.254, the cloud metadata service), private,
// carrier-grade NAT, unique-local, unspecified (0.0.0.0, ::), multicast and IPv4 written inside IPv6
// (::ffff:127.0.0.1, NAT64, 6to4) are server-side request forgery targets, not customer webhooks.
import ipaddr from 'ipaddr.js';

/** The allow-list of ALERT_ALLOWED_HOSTS: exact host names, and CIDR ranges (a bare address is one address). */
export interface WebhookAddressPolicy {
  readonly hosts: ReadonlySet<string>;
  readonly ranges: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

/** Lower case without the root dot: `LocalHost.` and `localhost` are one host. */
export function normalizeHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

/**
 * The addresses a name has without asking DNS: `localhost` and `*.localhost`, in any case, with or without the
 * root dot, are loopback (RFC 6761) whatever a resolver says (some do not answer for `localhost.` at all).
 */
export function tryFixedAddresses(hostname: string): Array<{ address: string; family: 4 | 6 }> | undefined {
  const host = normalizeHost(hostname);
  return host === 'localhost' || host.endsWith('.localhost')
    ? [{ address: '127.0.0.1', family: 4 }]
    : undefined;
}

/** The address inside URL brackets, or undefined when `hostname` is a name. */
export function ipLiteralOf(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : undefined;
}

/**
 * Parses ALERT_ALLOWED_HOSTS (comma-separated host names, addresses and CIDRs); undefined or empty allows no
 * private target. Throws an Error naming the entry that is neither.
 *
 * @example
 * createWebhookAddressPolicy('127.0.0.1/32, ::1, hooks.internal.example, 10.20.0.0/16')
 */
export function createWebhookAddressPolicy(list: string | undefined): WebhookAddressPolicy {
  const hosts = new Set<string>();
  const ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  for (const raw of (list ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) throw new Error(`"${entry}" is not a valid CIDR range`);
      const [address, bits] = ipaddr.parseCIDR(entry);
      ranges.push([
        toPlain(address),
        address.kind() === 'ipv6' && toPlain(address).kind() === 'ipv4' ? bits - 96 : bits,
      ]);
    } else if (ipLiteralOf(entry) !== undefined) {
      const address = toPlain(ipaddr.parse(ipLiteralOf(entry) as string));
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(entry)) {
      hosts.add(normalizeHost(entry));
    } else throw new Error(`"${entry}" is neither a host name, an IP address nor a CIDR range`);
  }
  return Object.freeze({ hosts, ranges });
}

// ::ffff:a.b.c.d is a.b.c.d to the kernel: judge (and allow-list) it as the IPv4 address it is.
function toPlain(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/**
 * Why `address` (reached through `hostname`) may not receive alerts, or undefined when it may: public unicast,
 * or allowed by name or range in `policy`.
 */
export function tryRefuseAddress(
  policy: WebhookAddressPolicy,
  hostname: string,
  address: string,
): string | undefined {
  if (policy.hosts.has(normalizeHost(hostname))) return undefined;
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const ip = toPlain(ipaddr.parse(address));
  const range = ip.range();
  if (range === 'unicast') return undefined;
  if (policy.ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return undefined;
  return `${ip.toString()} is a ${range} address (allow it in ALERT_ALLOWED_HOSTS if it is meant)`;
}
