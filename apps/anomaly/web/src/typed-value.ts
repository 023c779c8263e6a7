// Reads a value typed into the console as the API reads a point's value, or says why it cannot.
import { MAX_ABS_VALUE } from '../../src/service/point-validation.ts';

/** A JSON number: what `POST /api/metrics` accepts as a value (no hex, no `Infinity`, no thousands separators). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Why: `Number()` reads "0x10" as 16 and "" as 0, and turns "1,5" or "abc" into NaN, which the page met by
 * greying out its button without a word. A typed value is read as the API would read it in a point, so the
 * verdict shown is one the series could give, and anything else gets a sentence saying what to type.
 *
 * @example
 * tryParseTypedValue('1.5'); // { value: 1.5 }
 * tryParseTypedValue('0x10'); // { error: '0x10 is not a number the app would take: ...' }
 */
export function tryParseTypedValue(text: string): { value: number } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'Type a number to score.' };
  if (/^[+-]?\d+,\d+$/.test(t))
    return { error: `Use a point for decimals (${t.replace(',', '.')}), and no thousands separators.` };
  if (!JSON_NUMBER.test(t.replace(/^\+/, '')))
    return { error: `${t} is not a number the app would take: type digits, as in 42, -0.5 or 1e3.` };
  const value = Number(t);
  if (!Number.isFinite(value) || Math.abs(value) > MAX_ABS_VALUE)
    return { error: `The app would reject ${t}: a value must be at most ${MAX_ABS_VALUE} in magnitude.` };
  return { value };
}
