// Undoes a request body's Content-Encoding (gzip, deflate, br) under the body cap, so a compressed body reads as
// what it encodes and a small compressed body cannot inflate past the cap; any other coding is a 415.
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw, type ZlibOptions } from 'node:zlib';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors/suite-errors.ts';

/** The content codings a request body may carry (besides `identity`), as `Accept-Encoding` lists them. */
export const ACCEPTED_CONTENT_CODINGS = ['gzip', 'deflate', 'br'] as const;

type Decoder = (bytes: Uint8Array, options: ZlibOptions) => Promise<Buffer>;

const gunzipAsync = promisify(gunzip) as Decoder;
const inflateAsync = promisify(inflate) as Decoder;
const inflateRawAsync = promisify(inflateRaw) as Decoder;
const brotliAsync = promisify(brotliDecompress) as Decoder;

// "deflate" is the zlib format (RFC 9110, 8.4.1.2); some clients send raw deflate, which browsers read too.
const inflateEither: Decoder = (bytes, options) =>
  inflateAsync(bytes, options).catch((error: unknown) =>
    (error as { code?: string }).code === 'Z_DATA_ERROR'
      ? inflateRawAsync(bytes, options)
      : Promise.reject(error),
  );

const DECODERS: Record<string, Decoder> = {
  gzip: gunzipAsync,
  'x-gzip': gunzipAsync,
  deflate: inflateEither,
  br: brotliAsync,
};

/** Codings one body may stack: two covers what clients send (br inside gzip); each layer may inflate to the cap. */
export const MAX_STACKED_CODINGS = 2;

/**
 * The body's bytes with its `Content-Encoding` undone (codings listed in the order applied, so undone from the
 * last). No header or `identity` returns `bytes` as they are; an empty body stays empty. More than `maxBytes`
 * once decoded is a 413 (decoding stops there); bytes that are not valid in their coding are a 400; a coding
 * not in {@link ACCEPTED_CONTENT_CODINGS} is a 415 with `Accept-Encoding`.
 *
 * @example
 * const json = await decodeContentEncoding(bytes, request.headers.get('content-encoding'), 1024 * 1024);
 */
export async function decodeContentEncoding(
  bytes: Uint8Array,
  header: string | null,
  maxBytes: number,
): Promise<Uint8Array> {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  // A few KB of "gzip, gzip, ..." would otherwise buy gigabytes of inflation.
  if (codings.length > MAX_STACKED_CODINGS)
    throw new UnsupportedMediaTypeError(
      `Content-Encoding lists ${codings.length} codings: send at most ${MAX_STACKED_CODINGS} (e.g. "br, gzip")`,
      { contentEncoding: header ?? '', accepted: [...ACCEPTED_CONTENT_CODINGS] },
      ACCEPTED_CONTENT_CODINGS.join(', '),
    );
  for (const coding of codings) {
    if (DECODERS[coding] === undefined)
      throw new UnsupportedMediaTypeError(
        `Unsupported Content-Encoding "${coding}": send the body uncompressed, or as ${ACCEPTED_CONTENT_CODINGS.join(', ')}`,
        { contentEncoding: coding, accepted: [...ACCEPTED_CONTENT_CODINGS] },
        ACCEPTED_CONTENT_CODINGS.join(', '),
      );
  }
  let out = bytes;
  for (const coding of codings.reverse()) {
    if (out.byteLength === 0) return out;
    try {
      out = await DECODERS[coding]!(out, { maxOutputLength: Math.max(1, maxBytes) });
    } catch (cause) {
      if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new PayloadTooLargeError(maxBytes);
      const reason = cause instanceof Error ? cause.message : String(cause);
      const message = `not valid ${coding} (${reason}), as its Content-Encoding says`;
      throw new ValidationError(`Request body is ${message}`, [{ path: 'body', message }], cause);
    }
  }
  return out;
}
