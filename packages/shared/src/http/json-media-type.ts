// Which bodies are read as JSON, and how their bytes become text: the media types JSON is sent as (and curl -d's
// form type), UTF-8, or UTF-16 named by its charset or a byte-order mark; anything else is a 415 naming it.
import { UnsupportedMediaTypeError, ValidationError } from '../errors/suite-errors.ts';

/**
 * Media types a JSON body is read from. `application/*+json` and `text/json` as ASP.NET Core reads them;
 * `application/x-www-form-urlencoded` because `curl -d` sends it, as TensorFlow Serving's and KServe's own
 * examples call their servers. `text/plain` is not among them: no JSON client documents it (fetch() sends it
 * for a string body whose header was forgotten), and FastAPI (KServe, MLServer) and ASP.NET Core do not read it.
 */
export const JSON_MEDIA_TYPES = [
  'application/json',
  'application/*+json',
  'text/json',
  'application/x-www-form-urlencoded',
] as const;

/** Charsets a JSON body may declare (RFC 8259 section 8.1: UTF-8; Express's body-parser and ASP.NET Core also read UTF-16). */
export const JSON_CHARSETS = ['utf-8', 'utf-16', 'utf-16le', 'utf-16be'] as const;

/** A Content-Type header's media type (lower case, no parameters) and its charset parameter, if any. */
export interface ContentType {
  type: string;
  charset: string | undefined;
}

/**
 * Reads a Content-Type header: `text/csv; charset="ISO-8859-1"` is `{type: 'text/csv', charset: 'iso-8859-1'}`.
 *
 * @example
 * parseContentType(request.headers.get('content-type'))?.charset ?? 'utf-8'
 */
export function parseContentType(header: string | null): ContentType | undefined {
  if (header === null || header.trim() === '') return undefined;
  const [type = '', ...params] = header.split(';');
  let charset: string | undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    charset = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return { type: type.trim().toLowerCase(), charset };
}

function isJsonType(type: string): boolean {
  return (
    type === 'application/json' ||
    type === 'text/json' ||
    type === 'application/x-www-form-urlencoded' ||
    /^application\/[\w.+-]+\+json$/.test(type)
  );
}

const HINTS: Record<string, string> = {
  'text/plain': ' (fetch() sends text/plain for a string body unless the header is set)',
  'multipart/form-data': ' (curl -F sends a form; send the JSON with -d or --data-binary)',
};

/** The offset of the first byte that breaks UTF-8 (overlong forms, surrogates, a cut sequence), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= bytes.length) return i;
    let cp = b & (0x7f >> (need + 1));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function invalidText(encoding: string, bytes: Uint8Array, cause: unknown): ValidationError {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const at = encoding === 'UTF-8' ? firstInvalidUtf8(bytes) : -1;
  const where = at >= 0 ? ` at byte ${at}` : '';
  const hint = gzipped
    ? ': it looks gzip-compressed, so send it with "Content-Encoding: gzip"'
    : encoding === 'UTF-8'
      ? ': JSON is read as UTF-8, or as UTF-16 with a byte-order mark or charset=utf-16 (convert other text first, e.g. iconv -f latin1 -t utf-8)'
      : '';
  const message = `not valid ${encoding}${where}${hint}`;
  return new ValidationError(
    `Request body is not valid ${encoding}${where}`,
    [{ path: 'body', message }],
    cause,
  );
}

/**
 * The text of a JSON body, or a 415 {@link UnsupportedMediaTypeError} when its Content-Type is not one JSON is
 * read from ({@link JSON_MEDIA_TYPES}; no header is read as JSON) or declares a charset other than UTF-8 or
 * UTF-16. A byte-order mark says the encoding itself (a UTF-16 file saved by Windows PowerShell reads right
 * whatever the header says); UTF-16 without one is told apart by where the zero bytes of its first ASCII
 * character fall. Bytes invalid in the encoding are a 400 naming the first bad byte.
 *
 * @example
 * const text = decodeJsonText(bytes, request.headers.get('content-type'));
 */
export function decodeJsonText(bytes: Uint8Array, header: string | null): string {
  const contentType = parseContentType(header);
  if (contentType !== undefined && !isJsonType(contentType.type)) {
    throw new UnsupportedMediaTypeError(
      `Content-Type "${contentType.type}" is not read as JSON: send "Content-Type: application/json"${HINTS[contentType.type] ?? ''}`,
      { contentType: contentType.type, accepted: [...JSON_MEDIA_TYPES] },
    );
  }
  const declared = contentType?.charset === 'utf8' ? 'utf-8' : contentType?.charset;
  if (declared !== undefined && !(JSON_CHARSETS as readonly string[]).includes(declared)) {
    throw new UnsupportedMediaTypeError(
      `Unsupported charset "${declared}" for JSON: send UTF-8 (RFC 8259), or UTF-16 with charset=utf-16`,
      { charset: declared, accepted: [...JSON_CHARSETS] },
    );
  }
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' =
    declared === 'utf-16be' ? 'utf-16be' : declared?.startsWith('utf-16') ? 'utf-16le' : 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else if (declared === 'utf-16' && bytes[0] === 0 && bytes[1] !== 0) encoding = 'utf-16be';
  try {
    // The decoder drops a byte-order mark of its own encoding.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (cause) {
    throw invalidText(encoding.toUpperCase(), bytes, cause);
  }
}
