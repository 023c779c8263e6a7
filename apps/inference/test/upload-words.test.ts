// The console's choice between a PUT body and an upload URL, and storage's XML refusals as the page words them.
import { describe, expect, it } from 'vitest';
import { sizeText } from '../web/src/size-text.ts';
import { publishWay, storageProblem } from '../web/src/upload-words.ts';

/** As the page shows a failed call: `status title: detail` (problemText of @suite/console). */
const shown = (status: number, body: string) => {
  const [title, detail] = storageProblem(body);
  return `${status} ${title}: ${detail}`;
};

const LIMITS = { bodyBytes: 95 * 1024 * 1024, uploadBytes: 2048 * 1024 * 1024, uploadUrls: true };

describe('publishWay', () => {
  it('sends a file up to the body limit in the PUT body, and one byte more through an upload URL', () => {
    expect(publishWay(LIMITS.bodyBytes, LIMITS)).toBe('body');
    expect(publishWay(LIMITS.bodyBytes + 1, LIMITS)).toBe('upload-url');
  });

  it('asks for an upload URL past the body limit even where none is issued, so the API says why (409)', () => {
    expect(publishWay(LIMITS.bodyBytes + 1, { ...LIMITS, uploadUrls: false })).toBe('upload-url');
  });

  it('sends the body while the limits are not known (the list not read yet, or a server without them)', () => {
    expect(publishWay(10 * LIMITS.bodyBytes, undefined)).toBe('body');
  });
});

describe('sizeText', () => {
  it('says bytes, KB, MB and GB with one decimal', () => {
    expect([0, 1023, 3174, 95 * 1024 * 1024, 2 ** 31].map(sizeText)).toEqual([
      '0 B',
      '1023 B',
      '3.1 KB',
      '95.0 MB',
      '2.0 GB',
    ]);
  });
});

describe('storageProblem', () => {
  it("words Blob storage's XML refusal as status, title, code and the message's first line", () => {
    const body =
      '\ufeff<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.\nRequestId:7c1a\nTime:2026-12-01T07:00:00Z</Message><AuthenticationErrorDetail>Signed expiry time has passed</AuthenticationErrorDetail></Error>';
    expect(shown(403, body)).toBe(
      '403 Blob storage refused the upload: AuthenticationFailed: Server failed to authenticate the request.',
    );
  });

  it('keeps the start of an answer that is not storage XML (a proxy page)', () => {
    expect(shown(502, `<html>Bad gateway ${'x'.repeat(300)}</html>`)).toMatch(
      /^502 Blob storage refused the upload: <html>Bad gateway x+$/,
    );
    expect(shown(502, `<html>Bad gateway ${'x'.repeat(300)}</html>`).length).toBeLessThan(260);
  });
});
