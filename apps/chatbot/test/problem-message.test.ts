// The pages' one rule for wording a failed call: by status in the page's language, the API's English details kept
// beside it, staff and customers told what they can do about a refusal.
import { describe, expect, it } from 'vitest';
import { ApiError, assertHeadersSendable } from '@suite/console/web/api-error.ts';
import { PROBLEM_LABELS, problemLabels } from '../web/src/problem-labels.ts';
import { problemMessage, WordedFailure } from '../web/src/problem-message.ts';

const zh = problemLabels('zh-CN');

describe('problemMessage', () => {
  it.each([
    [400, 'staff', 'badRequest'],
    [401, 'staff', 'adminKeyRefused'],
    [403, 'staff', 'adminDisabled'],
    [401, 'customer', 'sessionRefused'],
    [404, 'customer', 'notFound'],
    [409, 'staff', 'conflict'],
    [413, 'customer', 'tooLarge'],
    [429, 'customer', 'tooMany'],
    [500, 'staff', 'serverError'],
    [503, 'customer', 'unavailable'],
  ] as const)('words a %i for %s in the page language, the API details after it', (status, audience, key) => {
    const failure = new ApiError(status, 'Some Title', 'what the API said');
    expect(problemMessage(failure, zh, audience)).toEqual({
      text: PROBLEM_LABELS.zh[key],
      detail: `${status} Some Title: what the API said`,
    });
  });

  it('asks for the API key, not the admin key, when the refusal is for want of a client key', () => {
    const failure = new ApiError(
      401,
      'Unauthorized',
      'This endpoint needs an API key in the x-api-key header.',
    );
    expect(problemMessage(failure, zh, 'staff').text).toBe(PROBLEM_LABELS.zh.apiKeyNeeded);
  });

  it('says an unanswered call could not reach the server, and a status it has no words for by number', () => {
    expect(problemMessage(new TypeError('Failed to fetch'), problemLabels('es'), 'customer')).toEqual({
      text: PROBLEM_LABELS.es.unreachable,
      detail: 'Failed to fetch',
    });
    expect(problemMessage(new ApiError(418, "I'm a Teapot", ''), problemLabels('en'), 'staff').text).toBe(
      'The request failed (HTTP 418).',
    );
  });

  it("shows the page's own words as they are", () => {
    expect(problemMessage('JSON 无法解析', zh, 'staff')).toEqual({ text: 'JSON 无法解析', detail: '' });
    expect(
      problemMessage(new WordedFailure('训练失败', 'Conflict: retrained meanwhile'), zh, 'staff'),
    ).toEqual({
      text: '训练失败',
      detail: 'Conflict: retrained meanwhile',
    });
  });

  it("says a key no request can carry in the page's language, naming the character, never the key", () => {
    // The check api() runs before fetch, which would throw a TypeError about RequestInit instead.
    let failure: unknown;
    try {
      assertHeadersSendable({ accept: 'application/json', 'x-admin-key': 'adminкey' });
    } catch (e) {
      failure = e;
    }
    const { text, detail } = problemMessage(failure, zh, 'staff');
    expect(text).toBe(PROBLEM_LABELS.zh.keyNotSendable.replace('{char}', 'к'));
    expect(detail).toContain('x-admin-key');
    expect(`${text} ${detail}`).not.toContain('adminкey');
  });
});
