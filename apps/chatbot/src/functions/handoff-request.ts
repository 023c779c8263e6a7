// The route and bodies of the agents' handoff actions (claim, resolve).
import { z } from 'zod';

export const handoffParams = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/** The acting agent's name. */
export const agentSchema = z.string().trim().min(1, 'must not be empty').max(100);
