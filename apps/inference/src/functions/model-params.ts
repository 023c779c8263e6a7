// The {name} (and optional {version}) route parameters the model endpoints share.
import { z } from 'zod';
import { MODEL_NAME_PATTERN } from '@suite/shared/models';

/** The model store's version ids: `YYYYMMDDTHHMMSSmmmZ-<6 hex>`. */
export const VERSION_PATTERN = /^\d{8}T\d{9}Z-[0-9a-f]{6}$/;

export const modelParams = z.object({
  name: z.string().regex(MODEL_NAME_PATTERN, 'name: lowercase letters, digits, . _ - (max 64)'),
});

/** `{name}` with the optional `{version}` of the Open Inference Protocol's `/versions/{version}` routes. */
export const modelVersionParams = modelParams.extend({
  version: z.string().regex(VERSION_PATTERN, 'a version id from GET /api/models/{name}/versions').optional(),
});
