// Reads a binary request body under a byte cap: at once from Content-Length, else while streaming.
import type { HttpRequest } from '@azure/functions';
import { SuiteError, ValidationError } from '@suite/shared/errors';

/** 413, worded and coded as the shared JSON body reader words it. */
const tooLarge = (limitBytes: number) =>
  new SuiteError(`The request body is larger than ${limitBytes} bytes.`, {
    code: 'payload_too_large',
    status: 413,
    details: { limitBytes },
  });

export async function readBodyBytes(request: HttpRequest, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    throw tooLarge(maxBytes);
  }
  const stream = request.body;
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (stream !== null) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer);
      total += chunk.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(chunk);
    }
  }
  if (total === 0) {
    throw new ValidationError('The body must hold the .onnx model bytes.', [
      { path: 'body', message: 'empty: send the .onnx file as application/octet-stream' },
    ]);
  }
  return chunks.length === 1 ? chunks[0]! : new Uint8Array(Buffer.concat(chunks, total));
}
