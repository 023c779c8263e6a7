// The suite's one error family: every failure a handler can meet carries a code, an HTTP status and a cause.
// The 413 and 429 kinds stay internal: only the http helpers throw them.
export {
  ConfigError,
  ConflictError,
  DependencyError,
  NotFoundError,
  SuiteError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldIssue,
} from './suite-errors.ts';
export { blobStatusOf, guardBlobCall } from './blob-calls.ts';
