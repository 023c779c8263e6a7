import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-error-position.ts';

describe('locateJsonError', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9"]}', ' 0 ', '"s"', '[]', '{}']) {
      expect(locateJsonError(text)).toBeUndefined();
    }
  });

  it('points at the first offending character with line and column', () => {
    expect(locateJsonError('{"a":}')).toEqual({ position: 5, line: 1, column: 6, reason: 'unexpected "}"' });
    expect(locateJsonError('[1,\n 2,]')).toMatchObject({ position: 7, line: 2, column: 4 });
    expect(locateJsonError('{a:1}')).toMatchObject({
      position: 1,
      reason: 'expected a property name in double quotes',
    });
    expect(locateJsonError('{"a":1} x')).toMatchObject({
      position: 8,
      reason: 'unexpected text after the JSON value',
    });
    expect(locateJsonError('{"a":1')).toMatchObject({
      position: 6,
      reason: "expected ',' or '}' after a property value",
    });
    expect(locateJsonError('"abc')).toMatchObject({ position: 4, reason: 'unterminated string' });
    expect(locateJsonError('01')).toMatchObject({ position: 1 });
  });

  it('names NaN and Infinity, which Python writes and JSON lacks', () => {
    expect(locateJsonError('{"x":[1,NaN]}')).toMatchObject({
      position: 8,
      reason: expect.stringMatching(/^NaN is not a JSON value: JSON has no NaN or Infinity/),
    });
    expect(locateJsonError('[-Infinity]')).toMatchObject({
      position: 1,
      reason: expect.stringMatching(/^-Infinity is not/),
    });
    expect(locateJsonError('[Infinity]')).toMatchObject({
      reason: expect.stringMatching(/^Infinity is not/),
    });
    expect(locateJsonError('[Nan]')).toMatchObject({ reason: 'unexpected "N"' });
  });
});
