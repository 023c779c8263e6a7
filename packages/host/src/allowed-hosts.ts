// DNS rebinding: the Host names the dev host answers. A page of evil.example whose name the attacker points at
// 127.0.0.1 is the host's own origin to the browser (it may read every answer); its requests still say
// `Host: evil.example`, so only loopback names, IP addresses and the names ALLOWED_HOSTS gives are served.
import { isIP } from 'node:net';
import { routerProblem, type RouterProblem } from './router-problem.ts';

/** The variable naming the other host names (a tunnel's, a hosts-file alias) the dev host answers. */
export const ALLOWED_HOSTS_VARIABLE = 'ALLOWED_HOSTS';

/** A DNS name, or `.name` for the name and every name below it. */
const HOST_NAME = /^\.?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/**
 * The entries of ALLOWED_HOSTS (comma- or space-separated), lower-cased; throws naming the variable and the entry
 * for anything that is no bare host name: a scheme, a port (any port is served), a path, a wildcard.
 * @example parseAllowedHosts('tunnel.example.net, .dev.example.org') // ['tunnel.example.net', '.dev.example.org']
 */
export function parseAllowedHosts(value: string | undefined): string[] {
  const entries = (value ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  for (const entry of entries)
    if (!HOST_NAME.test(entry.toLowerCase()))
      throw new Error(
        `${ALLOWED_HOSTS_VARIABLE} is invalid: "${entry}" is not a host name (write names such as ` +
          'tunnel.example.net, or .example.net for every name below it; no scheme, port or wildcard)',
      );
  return entries.map((entry) => entry.toLowerCase());
}

/** The name of a `Host` header (`[::1]:7071` -> `[::1]`, `App.Example:80` -> `app.example`), or undefined. */
function hostNameOf(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(host.trim());
  return match?.[1]?.toLowerCase();
}

/**
 * Whether the dev host serves a request that says `Host: host`. Served: no Host (HTTP/1.0; every browser sends
 * one), `localhost` and names below it (browsers resolve them to the loopback themselves, and no one can register
 * them), IP addresses (a rebinding needs a name to rebind; an address is reached only where it points), and the
 * names of `allowed`. Any port: a browser writes the port of the URL it connected to.
 * @example isAllowedHost('evil.example:7071', []) // false
 */
export function isAllowedHost(host: string | undefined, allowed: readonly string[]): boolean {
  if (host === undefined || host === '') return true;
  const name = hostNameOf(host);
  if (name === undefined) return false;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name.startsWith('[') ? isIP(name.slice(1, -1)) === 6 : isIP(name) === 4) return true;
  return allowed.some((entry) =>
    entry.startsWith('.') ? name === entry.slice(1) || name.endsWith(entry) : name === entry,
  );
}

/**
 * The 403 answer to a Host the dev host does not serve: problem+json shaped as the router's, naming the Host and
 * the variable that would let it in.
 * @example const problem = hostRefusal('evil.example:7071', '/api/chat', requestId);
 */
export function hostRefusal(host: string, instance: string, requestId: string): RouterProblem {
  const detail =
    `Refused a request for host "${host}": the local host answers localhost, IP addresses and the names of ` +
    `${ALLOWED_HOSTS_VARIABLE} only, so a web site whose name resolves to this machine (DNS rebinding) cannot ` +
    `reach the apps. To serve this name (a tunnel, an alias in the hosts file), add it to ${ALLOWED_HOSTS_VARIABLE}.`;
  return routerProblem(403, detail, instance, requestId, {}, { host });
}
