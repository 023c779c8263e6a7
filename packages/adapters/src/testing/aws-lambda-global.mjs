// The `awslambda` global of the Node.js Lambda runtime, as far as response streaming defines it (plain JavaScript:
// the local runtime loads it beside a packaged artifact, with no TypeScript loader).

/** The symbol the runtime marks a streaming handler with. */
export const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
/** What separates the JSON HTTP prelude from the body on a Function URL's stream. */
export const PRELUDE_DELIMITER = new Uint8Array(8);

/**
 * `streamifyResponse` marks a handler that takes `(event, responseStream, context)`; `HttpResponseStream.from`
 * writes the HTTP prelude (status, headers, cookies as JSON) and eight NUL bytes before the body, and sets the
 * integration content type, as the runtime does for a Function URL in RESPONSE_STREAM mode.
 */
export function createAwsLambdaGlobal() {
  return {
    streamifyResponse(handler) {
      return Object.assign(handler, { [STREAMING]: 'response' });
    },
    HttpResponseStream: {
      from(stream, prelude) {
        stream.contentType = 'application/vnd.awslambda.http-integration-response';
        stream.write(JSON.stringify(prelude));
        stream.write(PRELUDE_DELIMITER);
        return stream;
      },
    },
  };
}
