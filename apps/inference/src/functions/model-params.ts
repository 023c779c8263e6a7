// The {name} route parameter every model endpoint shares.
import { z } from 'zod';
import { MODEL_NAME_PATTERN } from '@suite/shared/models';

export const modelParams = z.object({
  name: z.string().regex(MODEL_NAME_PATTERN, 'name: lowercase letters, digits, . _ - (max 64)'),
});
