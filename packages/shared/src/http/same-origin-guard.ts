// Refuses state-changing requests a browser sends on behalf of a page of another origin (cross-site request
// forgery), by the rules of Go 1.25's net/http CrossOriginProtection; clients that are no browser pass untouched.
import type { HttpRequest } from '@azure/functions';
import { getSharedConfig } from '../config/index.ts';
import { CrossOriginRequestError } from '../errors/suite-errors.ts';

/** Methods that change nothing (RFC 9110's safe methods), never refused. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** The variable that names the other origins whose pages may change the app's state. */
export const ALLOWED_ORIGINS_VARIABLE = 'ALLOWED_ORIGINS';

/** The URL of an `Origin` header, or undefined for `null` and anything that is no URL. */
function originUrl(origin: string): URL | undefined {
  try {
    return new URL(origin);
  } catch {
    return undefined;
  }
}

/** The `Host` header, else the request URL's host: as sent, port and case included. */
function requestHost(request: HttpRequest): string | undefined {
  const header = request.headers.get('host');
  if (header !== null && header !== '') return header;
  try {
    return new URL(request.url).host;
  } catch {
    return undefined;
  }
}

/**
 * Whether `origin` names the host the request was sent to. The Host is read as a URL of the origin's scheme, as
 * a browser writes Origin: lower-case, without the scheme's default port (`Host: x:443` is `https://x`'s host).
 */
function isOwnOrigin(origin: string, request: HttpRequest): boolean {
  const from = originUrl(origin);
  const host = requestHost(request);
  // Only a name or address and a port: `a@b`, a path or a query would make the URL another host than the header.
  if (from === undefined || host === undefined || !/^[a-z0-9.:[\]-]+$/i.test(host)) return false;
  try {
    return new URL(`${from.protocol}//${host}`).host === from.host;
  } catch {
    return false;
  }
}

/**
 * Why `request` is a cross-origin write a browser sent, or undefined when it may go on. A safe method, an
 * `Origin` among `allowedOrigins`, or `Sec-Fetch-Site: same-origin | none` (the page itself, or the user typing
 * the URL) go on; any other `Sec-Fetch-Site` (`cross-site`, and `same-site`: another port of the same host is
 * another origin) is refused. A browser too old for `Sec-Fetch-Site` is judged by `Origin` against `Host`; a
 * request with neither header is no browser's (curl, SDKs, server to server), which no page can make send.
 *
 * Content types do not matter: a page may POST `application/x-www-form-urlencoded` or `text/plain` to any origin
 * without a CORS preflight, and the apps read the former as JSON because `curl -d` sends it.
 *
 * @example
 * tryCrossOriginRefusal(request, ['https://app.example.com']) // undefined, or "Refused a cross-origin POST ..."
 */
export function tryCrossOriginRefusal(
  request: HttpRequest,
  allowedOrigins: readonly string[],
): string | undefined {
  const method = request.method.toUpperCase();
  if (SAFE_METHODS.has(method)) return undefined;
  const origin = request.headers.get('origin');
  if (origin !== null && allowedOrigins.includes(origin)) return undefined;
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) {
    if (site === 'same-origin' || site === 'none') return undefined;
  } else {
    if (origin === null) return undefined;
    if (isOwnOrigin(origin, request)) return undefined;
  }
  const by = `${origin === null ? 'a page of another origin' : origin}${site === null ? '' : ` (Sec-Fetch-Site: ${site})`}`;
  return (
    `Refused a cross-origin ${method} from ${by}: a web page of another origin may not change this app's state. ` +
    `To let a web app of that origin call this API, add its origin to ${ALLOWED_ORIGINS_VARIABLE}; ` +
    'curl and other clients that are no browser are not concerned.'
  );
}

/**
 * Throw a 403 {@link CrossOriginRequestError} when `request` is a cross-origin write a browser sent (see
 * {@link tryCrossOriginRefusal}); `defineHandler` calls it before anything else, so every app and host has it.
 *
 * @example
 * ensureSameOrigin(request); // in a handler that does not go through defineHandler
 */
export function ensureSameOrigin(request: HttpRequest, allowedOrigins?: readonly string[]): void {
  // Reads change nothing: the settings are not even read for them (a health probe of a misconfigured app answers).
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const refusal = tryCrossOriginRefusal(request, allowedOrigins ?? getSharedConfig().allowedOrigins);
  if (refusal === undefined) return;
  throw new CrossOriginRequestError(refusal, {
    origin: request.headers.get('origin'),
    secFetchSite: request.headers.get('sec-fetch-site'),
  });
}
