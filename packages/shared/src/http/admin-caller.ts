// For endpoints open to everyone that show more to an admin: tells an admin caller from an anonymous one.
import type { HttpRequest } from '@azure/functions';
import { getSharedConfig } from '../config/index.ts';
import { ADMIN_KEY_HEADER, ensureAdmin } from './admin-key.ts';

/**
 * True when the request carries the right admin key, false when it carries none. A key that is sent but
 * wrong (or sent while ADMIN_KEY is unset) throws the same 401/403 as `ensureAdmin`, so a mistyped key is
 * reported instead of silently answering the anonymous view.
 *
 * @example
 * const admin = isAdminCaller(request); // then pass `admin` to the service, which decides what it may show
 */
export function isAdminCaller(
  request: HttpRequest,
  adminKey: string | undefined = getSharedConfig().adminKey,
): boolean {
  const given = request.headers.get(ADMIN_KEY_HEADER);
  if (given === null || given === '') return false;
  ensureAdmin(request, adminKey);
  return true;
}
