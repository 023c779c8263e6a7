// A failed call as the pages say it: a sentence in the page's language for the kind of failure (by HTTP status,
// or no answer at all), and the API's own problem details (English, for developers) beside it. One rule for every
// page, so the customer chat, the agent desk and the knowledge base word the same failure the same way.
import { ApiError, HeaderNotSendable, needsApiKey } from '@suite/console/web/api-error.ts';
import { fill } from './catalogue.ts';
import type { ProblemLabels } from './problem-labels.ts';

/** Who reads the page: a 401 asks staff for the admin key and tells a customer the conversation was refused. */
export type ProblemAudience = 'staff' | 'customer';

/** A failure the page has already put into its own words, with the server's detail (a training job's error). */
export class WordedFailure extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'WordedFailure';
  }
}

/** What the page shows: `text` in its language, `detail` as the server (or the browser) put it, if anything. */
export interface ProblemMessage {
  text: string;
  detail: string;
}

/** The catalogue key for an answered call's status. */
function keyFor(error: ApiError, audience: ProblemAudience): keyof ProblemLabels {
  const { status } = error;
  if (needsApiKey(status, error.detail)) return 'apiKeyNeeded';
  if (status === 401 || status === 403)
    return audience === 'customer' ? 'sessionRefused' : status === 401 ? 'adminKeyRefused' : 'adminDisabled';
  if (status === 400 || status === 422) return 'badRequest';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 413) return 'tooLarge';
  if (status === 429) return 'tooMany';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 500) return 'serverError';
  return 'failed';
}

/**
 * A thrown value in the page's words. An {@link ApiError} is worded by its status, with "status title: detail"
 * as its detail; a key no request can carry (never sent) is named by its character; a fetch that got no answer (a TypeError) says the server could not be reached; a string or any
 * other error is already the page's words and is shown as it is.
 *
 * @example problemMessage(new ApiError(413, 'Payload Too Large', '…'), problemLabels('zh'), 'customer').text
 * // "内容超出服务器允许的大小：请缩短后重试。"
 */
export function problemMessage(
  failure: unknown,
  labels: ProblemLabels,
  audience: ProblemAudience,
): ProblemMessage {
  if (failure instanceof ApiError)
    return {
      text: fill(labels[keyFor(failure, audience)], { status: failure.status }),
      detail: `${failure.status} ${failure.message}`,
    };
  if (failure instanceof WordedFailure) return { text: failure.message, detail: failure.detail };
  if (failure instanceof HeaderNotSendable)
    return { text: fill(labels.keyNotSendable, { char: failure.char }), detail: failure.message };
  if (failure instanceof TypeError) return { text: labels.unreachable, detail: failure.message };
  return { text: failure instanceof Error ? failure.message : String(failure), detail: '' };
}
