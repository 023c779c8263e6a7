// A failed call of a console, as its API answered it: no DOM in here, so Node code (a page's pure rules and their
// tests) can read failures without the browser's types.

/** A failed call: the HTTP status and the problem's title and detail, ready to show to the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
  }
}

/**
 * Whether a refusal asks for a client API key (API_KEYS=on: "needs an API key in the x-api-key header", "the
 * x-api-key header holds no valid API key"). A write refused for want of the admin key also names x-api-key
 * ("with API_KEYS=on, a client's x-api-key") but asks for the admin key: an API-key field would mislead.
 */
export const needsApiKey = (status: number, detail: string): boolean =>
  status === 401 && /x-api-key header/.test(detail);
