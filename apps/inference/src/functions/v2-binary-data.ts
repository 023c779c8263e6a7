// Triton's binary tensor data extension is not served: a request carrying it (an `Inference-Header-Content-Length`
// header, the JSON header followed by raw tensor bytes) is a 400 saying so and how to send JSON instead, where it
// was "Request body is not valid JSON: unexpected text after the JSON value". tritonclient sends it by default
// (InferInput.set_data_from_numpy(..., binary_data=True)); the server metadata lists no extension.
import { ValidationError } from '@suite/shared/errors';
import { defineHandler, type HttpHandler } from '@suite/shared/http';

export const BINARY_DATA_HEADER = 'inference-header-content-length';

const refusal = defineHandler({}, () => {
  const message =
    "binary tensor data (Triton's extension, the Inference-Header-Content-Length header) is not supported: send " +
    'every tensor as JSON "data" (tritonclient: set_data_from_numpy(array, binary_data=False))';
  throw new ValidationError(`Invalid inference request: ${message}`, [
    { path: `headers.${BINARY_DATA_HEADER}`, message },
  ]);
});

/**
 * `handler`, except for a request using the binary tensor data extension, which gets the 400 above (with the
 * request id and log line every handler gives) before its body is read.
 * @example app.http('v2ModelInfer', { route: 'api/v2/models/{name}/infer', handler: withV2Error(refuseBinaryData(v2ModelInfer)) });
 */
export function refuseBinaryData(handler: HttpHandler): HttpHandler {
  return (request, context) =>
    (request.headers.has(BINARY_DATA_HEADER) ? refusal : handler)(request, context);
}
