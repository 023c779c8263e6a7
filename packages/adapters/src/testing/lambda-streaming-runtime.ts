// The Node.js Lambda runtime's response-streaming contract, locally: the `awslambda` global and the wire format
// a Function URL in RESPONSE_STREAM mode reads (JSON prelude, eight NUL bytes, then the body as written).
import { Writable } from 'node:stream';
import { createAwsLambdaGlobal, PRELUDE_DELIMITER, STREAMING } from './aws-lambda-global.mjs';

type StreamingHandler = (event: unknown, stream: NodeJS.WritableStream, context: unknown) => Promise<void>;
const DELIMITER = PRELUDE_DELIMITER;

/** What a Function URL client receives from a streamed invocation. */
export interface StreamedInvocation {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
  /** The body as the chunks arrived, with the time (ms since the invocation began) each one did. */
  chunks: Array<{ atMs: number; text: string }>;
}

export { createAwsLambdaGlobal };

/**
 * Invokes a streamified handler the way the runtime does and decodes what the Function URL would answer.
 * `onChunk` sees each body chunk as it arrives (a test can answer an event before the stream ends).
 */
export async function invokeStreaming(
  handler: unknown,
  event: unknown,
  onChunk?: (text: string) => void,
): Promise<StreamedInvocation> {
  if (typeof handler !== 'function' || (handler as { [STREAMING]?: string })[STREAMING] !== 'response') {
    throw new Error('not a streamified handler');
  }
  const started = performance.now();
  const received: Buffer[] = [];
  const chunks: StreamedInvocation['chunks'] = [];
  let preludeEnd = -1;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      received.push(Buffer.from(chunk));
      const all = Buffer.concat(received);
      if (preludeEnd < 0) {
        const at = all.indexOf(Buffer.from(DELIMITER));
        if (at >= 0) {
          preludeEnd = at;
          const rest = all.subarray(at + DELIMITER.length);
          if (rest.length > 0) chunks.push({ atMs: performance.now() - started, text: rest.toString() });
        }
      } else {
        chunks.push({ atMs: performance.now() - started, text: Buffer.from(chunk).toString() });
        onChunk?.(Buffer.from(chunk).toString());
      }
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  await (handler as StreamingHandler)(event, stream, {});
  await finished;
  const all = Buffer.concat(received);
  if (preludeEnd < 0) throw new Error('the handler wrote no HTTP prelude (HttpResponseStream.from)');
  const prelude = JSON.parse(all.subarray(0, preludeEnd).toString()) as {
    statusCode: number;
    headers?: Record<string, string>;
    cookies?: string[];
  };
  return {
    statusCode: prelude.statusCode,
    headers: prelude.headers ?? {},
    cookies: prelude.cookies ?? [],
    body: all.subarray(preludeEnd + DELIMITER.length),
    chunks,
  };
}
