// The consoles' HTTP client: same-origin JSON calls whose failures carry the problem+json the apps answer with.
import { ApiError, assertHeadersSendable, HeaderNotSendable, needsApiKey } from './api-error.ts';

export { ApiError, HeaderNotSendable, needsApiKey };

/** Options of {@link api}: a JSON body to send, extra headers, an abort signal. */
export interface ApiOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const API_KEY_STORAGE = 'suite.apiKey';
/** Fired on window when a call was refused for want of an API key (the app runs with API_KEYS=on). */
export const API_KEY_NEEDED = 'suite:api-key-needed';

/** The API key this tab sends (x-api-key), if the user gave one: apps with API_KEYS=on need it. */
export const getApiKey = (): string | null => sessionStorage.getItem(API_KEY_STORAGE);

export function setApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(API_KEY_STORAGE, key);
  else sessionStorage.removeItem(API_KEY_STORAGE);
}

/** Headers every call of the console carries: the API key when there is one. */
export function apiKeyHeaders(): Record<string, string> {
  const key = getApiKey();
  return key ? { 'x-api-key': key } : {};
}

export async function toError(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string };
    if (needsApiKey(response.status, problem.detail ?? ''))
      dispatchEvent(new CustomEvent(API_KEY_NEEDED, { detail: problem.detail }));
    return new ApiError(response.status, problem.title ?? response.statusText, problem.detail ?? '');
  } catch {
    return new ApiError(
      response.status,
      response.statusText || `HTTP ${response.status}`,
      text.slice(0, 200),
    );
  }
}

/**
 * Calls the app's own API and returns its JSON; throws {@link ApiError} on any non-2xx answer.
 * @example const { series } = await api<{ series: Series[] }>('/api/series?limit=100');
 */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...apiKeyHeaders(),
    ...options.headers,
  };
  // fetch refuses a header value outside ISO-8859-1 with a TypeError about RequestInit that says nothing of the key
  // typed: a key is plain ASCII, so say that instead (naming the character, never the key).
  assertHeadersSendable(headers);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    signal: options.signal,
  });
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * Like {@link api}, but an endpoint this version of the app does not have (404 or 405) gives undefined, so a
 * console can hide the part that needs it until the back end ships it.
 */
export async function tryApi<T>(path: string, options: ApiOptions = {}): Promise<T | undefined> {
  try {
    return await api<T>(path, options);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return undefined;
    throw error;
  }
}

/** A thrown value as one line for the page. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A failed call as the page shows it: the HTTP status, then the problem's title and detail, so the user sees what
 * the API said, not a generic failure; any other thrown value as {@link describeError} words it.
 * @example problemText(error) // '400 Bad Request: input "features": expected shape [N, 4], got [1, 3] ...'
 */
export const problemText = (error: unknown): string =>
  error instanceof ApiError ? `${error.status} ${error.message}` : describeError(error);
