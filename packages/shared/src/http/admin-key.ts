// Guards admin endpoints with the x-admin-key header, compared in constant time against ADMIN_KEY.
import type { HttpRequest } from '@azure/functions';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getSharedConfig } from '../config/index.ts';
import { UnauthorizedError } from '../errors/suite-errors.ts';

/** The header admin callers send. */
export const ADMIN_KEY_HEADER = 'x-admin-key';

/** Equal strings in time that does not depend on where they differ (hashing first equalises the lengths). */
function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Throw unless the request carries the configured admin key: 403 when ADMIN_KEY is not set (admin endpoints
 * are then disabled), 401 when the header is missing or wrong.
 */
export function ensureAdmin(
  request: HttpRequest,
  adminKey: string | undefined = getSharedConfig().adminKey,
): void {
  if (adminKey === undefined || adminKey === '') {
    throw new UnauthorizedError('admin endpoints are disabled: set ADMIN_KEY', 403);
  }
  const given = request.headers.get(ADMIN_KEY_HEADER);
  if (given === null || given === '') {
    throw new UnauthorizedError(`This endpoint needs the admin key in the ${ADMIN_KEY_HEADER} header.`, 401);
  }
  if (!constantTimeEqual(given, adminKey)) {
    throw new UnauthorizedError(`The ${ADMIN_KEY_HEADER} header does not match the admin key.`, 401);
  }
}
