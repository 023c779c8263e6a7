// PUT /api/models/{name} (admin): the .onnx bytes as the body, optional JSON metadata in the x-model-metadata
// header (labels, preprocessing note, metrics). 201 with the version and the signature read from the model.
import { app } from '@azure/functions';
import { z } from 'zod';
import { ValidationError } from '@suite/shared/errors';
import { defineHandler, json } from '@suite/shared/http';
import { getInference } from '../service/inference.ts';
import { modelParams } from './model-params.ts';
import { readBodyBytes } from './request-bytes.ts';

export const METADATA_HEADER = 'x-model-metadata';
const MAX_METADATA_CHARS = 16 * 1024;
const metadataSchema = z.record(z.string(), z.unknown());

function parseMetadata(raw: string | null): Record<string, unknown> {
  if (raw === null || raw.trim() === '') return {};
  const issue = (message: string) =>
    new ValidationError(`${METADATA_HEADER}: ${message}`, [{ path: `headers.${METADATA_HEADER}`, message }]);
  if (raw.length > MAX_METADATA_CHARS) throw issue(`at most ${MAX_METADATA_CHARS} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw issue('not valid JSON');
  }
  const result = metadataSchema.safeParse(parsed);
  if (!result.success) throw issue('expected a JSON object');
  return result.data;
}

export const putModel = defineHandler({ params: modelParams, admin: true }, async ({ params, request }) => {
  const inference = getInference();
  const metadata = parseMetadata(request.headers.get(METADATA_HEADER));
  const bytes = await readBodyBytes(request, inference.config.maxModelBytes);
  return json(await inference.publish(params.name, bytes, metadata), 201);
});

app.http('putModel', {
  methods: ['PUT'],
  route: 'api/models/{name}',
  authLevel: 'anonymous',
  handler: putModel,
});
