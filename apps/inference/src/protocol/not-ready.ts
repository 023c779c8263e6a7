// The Open Inference Protocol's readiness answer when not ready: a 4xx, never a 5xx. KServe's v2 spec (the text the
// protocol grew from): "A 200 status code indicates true and a 4xx status code indicates false"; Triton answers
// 400 Bad Request. A probe asks a yes-or-no question, so "no" is an answer, not a server failure.
import { SuiteError } from '@suite/shared/errors';

/** 400 `not_ready`: the server, or a model, cannot serve yet; the message says why. */
export class NotReadyError extends SuiteError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'not_ready', status: 400, cause });
  }
}

/**
 * What a model ready probe answers for the error of loading `what`: a 4xx as it came (404 for a model never
 * published), anything else as a {@link NotReadyError} quoting a suite error's message (a store outage, a version
 * ONNX Runtime cannot load). An unexpected error's message stays out of the answer; `log` receives the cause.
 * @example catch (error) { throw notReadyFrom('Model "iris"', error, (e) => context.warn(e)); }
 */
export function notReadyFrom(what: string, error: unknown, log: (cause: unknown) => void): Error {
  if (error instanceof SuiteError && error.status < 500) return error;
  log(error);
  const reason = error instanceof SuiteError ? error.message : 'it failed to load (the error is logged)';
  return new NotReadyError(`${what} is not ready: ${reason}`, error);
}
