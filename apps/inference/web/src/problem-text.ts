// A failed call as the page shows it: the HTTP status, then the problem's title and detail ("400 Bad Request: input
// "features": expected shape [N, 4], got [1, 3] ..."), so the user sees what the API said, not a generic failure.
import { ApiError, describeError } from '@suite/console/web/api.ts';

export const problemText = (error: unknown): string =>
  error instanceof ApiError ? `${error.status} ${error.message}` : describeError(error);
