// With API_KEYS=on, every public endpoint admits a request only with a known, unrevoked `x-api-key` under its
// rate limit and daily quota (429 with Retry-After otherwise); an admin caller is neither limited nor metered.
import type { HttpRequest } from '@azure/functions';
import type { Admission } from '../api-keys/api-key-store.ts';
import { getSharedConfig } from '../config/index.ts';
import { TooManyRequestsError, UnauthorizedError } from '../errors/suite-errors.ts';
import { isAdminCaller } from './admin-caller.ts';

/** The header clients send their key in. */
export const API_KEY_HEADER = 'x-api-key';

/** Who was admitted: a metered client, or an admin (or anyone, with API keys off). */
export type Caller = { kind: 'client'; keyId: string; client: string } | { kind: 'admin' | 'open' };

/** How {@link admitApiKey} treats a request. */
export interface AdmitOptions {
  /**
   * A write to shared data (ingest: metric points, rating events). With API_KEYS=on it needs a client key or the
   * admin key like any public endpoint; with API_KEYS=off no client has a key, so it needs the admin key: an
   * anonymous caller never writes shared data.
   */
  write?: boolean;
}

/**
 * Admit `request` under the API-key rules, or throw 401 (no or unknown key) / 429 (over the limit). The database
 * is only imported when keys are on, so an app with keys off never pays for it.
 */
export async function admitApiKey(request: HttpRequest, options: AdmitOptions = {}): Promise<Caller> {
  if (getSharedConfig().apiKeys !== 'on') {
    if (!options.write) return { kind: 'open' };
    if (!getSharedConfig().adminKey) {
      throw new UnauthorizedError('writes are disabled: set ADMIN_KEY, or API_KEYS=on for client keys', 403);
    }
    if (!isAdminCaller(request)) {
      throw new UnauthorizedError(
        `This endpoint writes shared data: send the admin key in the x-admin-key header (with API_KEYS=on, a client's ${API_KEY_HEADER}).`,
        401,
      );
    }
    return { kind: 'admin' };
  }
  if (isAdminCaller(request)) return { kind: 'admin' };
  const key = request.headers.get(API_KEY_HEADER);
  if (key === null || key === '') {
    throw new UnauthorizedError(`This endpoint needs an API key in the ${API_KEY_HEADER} header.`, 401);
  }
  const [{ getDb }, { createApiKeyStore }] = await Promise.all([
    import('../db/index.ts'),
    import('../api-keys/api-key-store.ts'),
  ]);
  const admission: Admission = await createApiKeyStore(getDb()).admit(key);
  switch (admission.outcome) {
    case 'admitted':
      return { kind: 'client', keyId: admission.keyId, client: admission.client };
    case 'unknown':
      throw new UnauthorizedError(
        `The ${API_KEY_HEADER} header holds no valid API key (unknown or revoked).`,
        401,
      );
    case 'rate_limited':
      throw new TooManyRequestsError(
        `API key ${admission.keyId} is over its rate limit; retry in ${admission.retryAfterSeconds} s.`,
        admission.retryAfterSeconds,
        { limit: 'rate_per_minute' },
      );
    case 'quota_exceeded':
      throw new TooManyRequestsError(
        `API key ${admission.keyId} has used its daily quota; it resets at 00:00 UTC.`,
        admission.retryAfterSeconds,
        { limit: 'quota_per_day' },
      );
  }
}
