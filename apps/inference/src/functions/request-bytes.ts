// Reads an uploaded model's bytes with the shared reader (the size cap, a Content-Encoding undone) and refuses an
// empty body, which is never a model.
import type { HttpRequest } from '@azure/functions';
import { ValidationError } from '@suite/shared/errors';
import { readBodyBytes } from '@suite/shared/http';

/** The model's bytes: 413 over `maxBytes` (decompressed), 415 for a content coding not read, 400 when empty. */
export async function readModelBytes(request: HttpRequest, maxBytes: number): Promise<Uint8Array> {
  const bytes = await readBodyBytes(request, maxBytes);
  if (bytes.byteLength === 0) {
    throw new ValidationError('The body must hold the .onnx model bytes.', [
      { path: 'body', message: 'empty: send the .onnx file as application/octet-stream' },
    ]);
  }
  return bytes;
}
