// Reads a request body under a byte cap (declared length first, then while streaming, then once decompressed)
// and parses JSON.
import type { HttpRequest } from '@azure/functions';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors/suite-errors.ts';
import { decodeContentEncoding } from './content-coding.ts';
import { scanJsonText } from './json-text-scan.ts';
import { decodeJsonText } from './json-media-type.ts';
import { locateJsonError } from './json-error-position.ts';
import { DEFAULT_MAX_JSON_DEPTH, jsonDepthError } from './json-depth.ts';

/** The default body cap: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body's bytes (empty when there is none), refusing more than `maxBytes` with a {@link PayloadTooLargeError}
 * at once when Content-Length says so, otherwise as soon as the streamed bytes pass the cap. A body sent with a
 * `Content-Encoding` (gzip, deflate, br) is decompressed, the cap applying to the decompressed bytes too; another
 * coding is a 415 (see {@link decodeContentEncoding}).
 *
 * @example
 * const onnx = await readBodyBytes(request, 16 * 1024 * 1024); // an uploaded model file
 */
export async function readBodyBytes(
  request: HttpRequest,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    throw new PayloadTooLargeError(maxBytes);
  }
  const stream = request.body;
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer);
    total += chunk.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(chunk);
  }
  const bytes =
    chunks.length === 1 ? (chunks[0] as Uint8Array) : new Uint8Array(Buffer.concat(chunks, total));
  return decodeContentEncoding(bytes, request.headers.get('content-encoding'), maxBytes);
}

/**
 * The body as UTF-8 text, refusing more than `maxBytes` with a {@link PayloadTooLargeError}: at once when
 * Content-Length says so, otherwise as soon as the streamed bytes pass the cap (so a huge chunked upload is
 * not buffered). Decoded as `charset` (the Content-Type's, default UTF-8); bytes invalid in it are a
 * {@link ValidationError}, a charset the runtime does not know a 415. No body reads as `''`.
 */
export async function readBodyText(
  request: HttpRequest,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
  charset = 'utf-8',
): Promise<string> {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new UnsupportedMediaTypeError(
      `Unsupported charset "${charset}": send utf-8, or name a charset such as iso-8859-1 or windows-1252`,
      { charset },
    );
  }
  const bytes = await readBodyBytes(request, maxBytes);
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new ValidationError(
      `Request body is not valid ${decoder.encoding === 'utf-8' ? 'UTF-8' : decoder.encoding}`,
      [
        {
          path: 'body',
          message: `not valid ${decoder.encoding === 'utf-8' ? 'UTF-8 (a latin-1 file needs "charset=iso-8859-1" in Content-Type)' : decoder.encoding}`,
        },
      ],
      cause,
    );
  }
}

/**
 * Read and parse a JSON body under `maxBytes`: no body is `undefined`; a Content-Type JSON is not sent as, or a
 * charset other than UTF-8 / UTF-16, is a 415 (see {@link decodeJsonText}); then as {@link parseJsonBody}.
 *
 * @example
 * const body = await readJsonBody(request, 1024 * 1024);
 */
export async function readJsonBody(
  request: HttpRequest,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
  maxDepth = DEFAULT_MAX_JSON_DEPTH,
): Promise<unknown> {
  const bytes = await readBodyBytes(request, maxBytes);
  if (bytes.byteLength === 0) return undefined;
  return parseJsonBody(decodeJsonText(bytes, request.headers.get('content-type')), maxDepth);
}

/**
 * Parse a JSON body; empty text is `undefined`. Malformed JSON is a 400 naming the line, column and position;
 * JSON nested deeper than `maxDepth` is a 400 naming the limit, checked on the text before it is parsed; a name
 * given twice in one object is a 400 naming it and both places (JSON.parse would keep the last one silently).
 */
export function parseJsonBody(text: string, maxDepth = DEFAULT_MAX_JSON_DEPTH): unknown {
  if (text.trim() === '') return undefined;
  const scan = scanJsonText(text, maxDepth);
  if (scan.depthExcess !== undefined) throw jsonDepthError(maxDepth, scan.depthExcess);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const at = locateJsonError(text);
    const where = at
      ? `: ${at.reason} at line ${at.line}, column ${at.column} (position ${at.position})`
      : '';
    const message = `Request body is not valid JSON${where}`;
    throw new ValidationError(
      message,
      [{ path: 'body', message: message.slice('Request body is '.length) }],
      cause,
    );
  }
  const twice = scan.duplicate;
  if (twice !== undefined) {
    const line = (at: number) => text.slice(0, at).split('\n').length;
    const column = (at: number) => at - text.lastIndexOf('\n', at - 1);
    const message = `gives the name ${JSON.stringify(twice.key)} twice in one object, at line ${line(twice.first)}, column ${column(twice.first)} and line ${line(twice.second)}, column ${column(twice.second)}: send each name once (RFC 7493), as parsers disagree on which one counts`;
    throw new ValidationError(`Request body ${message}`, [{ path: 'body', message }]);
  }
  return value;
}
