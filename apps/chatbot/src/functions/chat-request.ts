// The body of POST /api/chat and /api/chat/stream.
import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { SESSION_TOKEN_HEADER } from '../service/index.ts';

export const chatRequestSchema = z.object({
  /**
   * Omit to start a new conversation: the reply carries the id and a session token, which later calls send in
   * the x-session-token header. An id the server did not issue is a 404 (a client cannot pick its own).
   */
  sessionId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits and _ . : - only, at most 100 characters')
    .optional(),
  // NUL and unpaired surrogates are refused by defineHandler for every request field.
  message: z.string().trim().min(1, 'must not be empty').max(2000, 'at most 2000 characters'),
});

/** The session token a request carries (x-session-token), if any. */
export function sessionTokenOf(request: HttpRequest): string | undefined {
  return request.headers.get(SESSION_TOKEN_HEADER) ?? undefined;
}
