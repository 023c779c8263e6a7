// PUT /api/models/{name} (admin): the .onnx bytes as the body, optional JSON metadata in the x-model-metadata
// header (labels, preprocessing note, metrics). 201 with the version and the signature read from the model.
import { app } from '@azure/functions';
import { z } from 'zod';
import { SuiteError, ValidationError } from '@suite/shared/errors';
import { DEFAULT_MAX_JSON_DEPTH, defineHandler, json, scanJsonText } from '@suite/shared/http';
import { getInference } from '../service/inference.ts';
import { modelParams } from './model-params.ts';
import { readModelBytes } from './request-bytes.ts';

export const METADATA_HEADER = 'x-model-metadata';
const MAX_METADATA_CHARS = 16 * 1024;
const metadataSchema = z.record(z.string(), z.unknown());

const issue = (message: string) =>
  new ValidationError(`${METADATA_HEADER}: ${message}`, [{ path: `headers.${METADATA_HEADER}`, message }]);

/**
 * The header as the publisher typed it. node:http (the dev host, a package started with `npm start`) hands header
 * bytes over one character per byte, so `curl -H 'x-model-metadata: {"labels":["花"]}'` arrives as Latin-1
 * mojibake: bytes that form UTF-8 are read as UTF-8; other bytes above ASCII are refused, never stored garbled.
 */
function headerText(raw: string): string {
  if (!/[\u0080-\u00ff]/.test(raw)) return raw; // Headers hold bytes (a ByteString): nothing past U+00FF
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(raw, 'latin1'));
  } catch {
    throw issue('not UTF-8; send UTF-8, or write characters beyond ASCII as JSON \\u escapes');
  }
}

function parseMetadata(header: string | null): Record<string, unknown> {
  if (header === null || header.trim() === '') return {};
  const raw = headerText(header);
  if (raw.length > MAX_METADATA_CHARS) throw issue(`at most ${MAX_METADATA_CHARS} characters`);
  // As a JSON body is checked, in one scan: deep nesting would overflow JSON.stringify when the version is stored
  // (a 500); a name given twice is read differently by different parsers (told after a malformed text is).
  const scan = scanJsonText(raw, DEFAULT_MAX_JSON_DEPTH);
  if (scan.depthExcess !== undefined) throw issue(`nested deeper than ${DEFAULT_MAX_JSON_DEPTH} levels`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw issue('not valid JSON');
  }
  const twice = scan.duplicate;
  if (twice !== undefined) throw issue(`gives the name ${JSON.stringify(twice.key)} twice in one object`);
  const result = metadataSchema.safeParse(parsed);
  if (!result.success) throw issue('expected a JSON object');
  return result.data;
}

/**
 * 415 for a body that cannot be the model's bytes as sent: a form upload (`curl -F`) wraps the file in multipart
 * boundaries, and JSON or text is not a model; without this they got "ONNX Runtime cannot load this model:
 * protobuf parsing failed", which blames the model. Raw bytes under any other type (curl's default form type with
 * `--data-binary`) are read as they are.
 */
function checkBodyType(contentType: string | null): void {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media !== 'multipart/form-data' && media !== 'application/json' && !media.startsWith('text/')) return;
  const how =
    media === 'multipart/form-data' ? 'a form upload (curl -F) wraps the file' : `${media} is not a model`;
  throw new SuiteError(
    `The body must be the .onnx file's bytes as they are (Content-Type: application/octet-stream; curl ` +
      `--data-binary @model.onnx); ${how}.`,
    { code: 'unsupported_media_type', status: 415, details: { contentType: media } },
  );
}

export const putModel = defineHandler({ params: modelParams, admin: true }, async ({ params, request }) => {
  const inference = getInference();
  checkBodyType(request.headers.get('content-type'));
  const metadata = parseMetadata(request.headers.get(METADATA_HEADER));
  const bytes = await readModelBytes(request, inference.config.maxModelBytes);
  return json(await inference.publish(params.name, bytes, metadata), 201);
});

app.http('putModel', {
  methods: ['PUT'],
  route: 'api/models/{name}',
  authLevel: 'anonymous',
  handler: putModel,
});
