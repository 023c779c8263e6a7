// The body of POST /api/chat and /api/chat/stream.
import { z } from 'zod';

export const chatRequestSchema = z.object({
  /** Omit to start a new conversation; the reply carries the id to send next time. */
  sessionId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits and _ . : - only, at most 100 characters')
    .optional(),
  // NUL and unpaired surrogates are refused by defineHandler for every request field.
  message: z.string().trim().min(1, 'must not be empty').max(2000, 'at most 2000 characters'),
});
