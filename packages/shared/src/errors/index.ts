// The suite's one error family: every failure a handler can meet carries a code, an HTTP status and a cause.
// The 413 kind stays internal: only the http helpers throw it.
export {
  ConfigError,
  ConflictError,
  DependencyError,
  NotFoundError,
  SuiteError,
  UnauthorizedError,
  ValidationError,
  type FieldIssue,
} from './suite-errors.ts';
