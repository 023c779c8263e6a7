// The choices and words of publishing a large model from the page, apart from the browser calls (so they are unit
// tested in Node): which way a file goes, and Blob storage's XML refusals as a problem.
import type { PublishLimits } from './types.ts';

/** The body of a PUT up to the body limit; past it an upload URL. Limits not known yet (or an older server): body. */
export type PublishWay = 'body' | 'upload-url';

export function publishWay(size: number, limits: PublishLimits | undefined): PublishWay {
  return limits !== undefined && size > limits.bodyBytes ? 'upload-url' : 'body';
}

/**
 * A refusal of Blob storage (`<Error><Code>…</Code><Message>…</Message></Error>`) as a problem's title and detail:
 * the code with the first line of the message (the rest is a request id and a time); other text cut short.
 * @example storageProblem('<Error><Code>AuthenticationFailed</Code><Message>Server failed ...') // ['Blob storage refused the upload', 'AuthenticationFailed: Server failed ...']
 */
export function storageProblem(body: string): [title: string, detail: string] {
  const field = (name: string) =>
    new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1]?.split('\n')[0]?.trim();
  const code = field('Code');
  const message = field('Message');
  const detail = code ? [code, message].filter(Boolean).join(': ') : body.trim().slice(0, 200);
  return ['Blob storage refused the upload', detail];
}
