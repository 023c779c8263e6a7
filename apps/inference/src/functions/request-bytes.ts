// Reads a binary request body under a byte cap: at once from Content-Length, else while streaming.
import type { HttpRequest } from '@azure/functions';
import { PayloadTooLargeError, ValidationError } from '@suite/shared/errors';

export async function readBodyBytes(request: HttpRequest, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    throw new PayloadTooLargeError(maxBytes);
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
        throw new PayloadTooLargeError(maxBytes);
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
