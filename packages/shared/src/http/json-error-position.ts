// Finds where a JSON text first goes wrong, because V8's JSON.parse messages do not always say.

/** Where and why a JSON text is invalid. `position` is a 0-based character offset; line and column are 1-based. */
export interface JsonErrorLocation {
  position: number;
  line: number;
  column: number;
  reason: string;
}

const MAX_DEPTH = 2000;

class Stop {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {}
}

/** The NaN, Infinity or -Infinity token at `i` of `text`, if one starts there. */
function nonFinite(text: string, i: number): string | undefined {
  return ['NaN', 'Infinity', '-Infinity'].find((word) => text.startsWith(word, i));
}

/** Locate the first syntax error of `text`, or undefined when it is valid JSON (or nested too deep to scan). */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  let i = 0;
  const n = text.length;
  const fail = (reason?: string): never => {
    throw new Stop(
      i,
      reason ?? (i >= n ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`),
    );
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) fail();
  };
  const digits = () => {
    const from = i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === from) fail();
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail('control character inside a string');
      if (c === 92) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('invalid \\u escape');
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) fail('invalid escape');
      }
      i++;
    }
    fail('unterminated string');
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) throw new Stop(-1, 'too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("expected ':' after a property name");
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail("expected ',' or '}' after a property value");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail("expected ',' or ']' after an array element");
      }
    } else if (c === '"') string();
    else if (nonFinite(text, i) !== undefined) {
      // Python's json.dumps writes these for float('nan') and float('inf'), and JavaScript's parser only says
      // "unexpected token": name the value and why, the commonest way a numeric body stops being JSON.
      fail(
        `${nonFinite(text, i)} is not a JSON value: JSON has no NaN or Infinity (Python's json.dumps writes them; ` +
          'json.dumps(..., allow_nan=False) refuses them before sending)',
      );
    } else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value(0);
    ws();
    if (i < n) fail('unexpected text after the JSON value');
    return undefined;
  } catch (stop) {
    if (!(stop instanceof Stop) || stop.position < 0) return undefined;
    const before = text.slice(0, stop.position);
    const line = before.split('\n').length;
    const column = stop.position - (before.lastIndexOf('\n') + 1) + 1;
    return { position: stop.position, line, column, reason: stop.reason };
  }
}
