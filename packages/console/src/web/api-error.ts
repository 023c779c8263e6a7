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
 * A call never sent: a header (an admin or API key) holds a character no HTTP header can carry, beyond U+00FF, which
 * fetch would refuse with a TypeError saying nothing of the key. `char` is that character; the key is never named,
 * so a page can word it in its own language.
 */
export class HeaderNotSendable extends Error {
  constructor(
    readonly header: string,
    readonly char: string,
  ) {
    super(
      `The ${header} header can only carry plain ASCII (letters, digits, punctuation): the key holds "${char}". Check the key typed.`,
    );
    this.name = 'HeaderNotSendable';
  }
}

/**
 * Throws {@link HeaderNotSendable} for the first header value holding a character beyond U+00FF (tab and Latin-1 pass).
 * @example assertHeadersSendable({ 'x-admin-key': 'ключ' }) // throws, char "к"
 */
export function assertHeadersSendable(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    const bad = /[^\t\x20-\xff]/u.exec(value)?.[0];
    if (bad !== undefined) throw new HeaderNotSendable(name, bad);
  }
}

/**
 * Whether a refusal asks for a client API key (API_KEYS=on: "needs an API key in the x-api-key header", "the
 * x-api-key header holds no valid API key"). A write refused for want of the admin key also names x-api-key
 * ("with API_KEYS=on, a client's x-api-key") but asks for the admin key: an API-key field would mislead.
 */
export const needsApiKey = (status: number, detail: string): boolean =>
  status === 401 && /x-api-key header/.test(detail);
