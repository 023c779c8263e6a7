// One pass over a JSON text before it is parsed: how deep it nests (so nothing recursive meets 20,000 `[`), and
// whether an object gives a name twice. JSON.parse keeps the last of two silently; RapidJSON's FindMember (Triton,
// TF Serving) finds the first; so `{"shape": [1, 4], "shape": [4]}` means one thing to a proxy and another here.
// I-JSON (RFC 7493, 2.3) forbids duplicate names.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/** Past this many names an object's names go into a Map; below it a linear search is cheaper. */
const LINEAR_NAMES = 16;

/** A name given twice in one object: the name, and the positions of its first and second occurrence. */
export interface DuplicateKey {
  key: string;
  first: number;
  second: number;
}

/** What {@link scanJsonText} found: the first bracket past the depth limit, the first name given twice. */
export interface JsonTextScan {
  depthExcess: number | undefined;
  duplicate: DuplicateKey | undefined;
}

/** The names of the object open at one level (reused for every object opened at that level). */
class Names {
  readonly keys: string[] = [];
  readonly at: number[] = [];
  map: Map<string, number> | undefined;

  reset(): void {
    this.keys.length = 0;
    this.at.length = 0;
    this.map = undefined;
  }

  /** Adds `key` seen at `position`; returns where it was seen before, if it was. */
  add(key: string, position: number): number | undefined {
    if (this.map !== undefined) {
      const first = this.map.get(key);
      if (first === undefined) this.map.set(key, position);
      return first;
    }
    const index = this.keys.indexOf(key);
    if (index >= 0) return this.at[index];
    this.keys.push(key);
    this.at.push(position);
    if (this.keys.length > LINEAR_NAMES) this.map = new Map(this.keys.map((k, i) => [k, this.at[i]!]));
    return undefined;
  }
}

/**
 * Scans `text` once, with no recursion: the position of the first `[` or `{` that opens level `maxDepth + 1`
 * (brackets inside strings do not count; the scan stops there), and the first name given twice in one object,
 * compared as decoded (`"a"` and `"\u0061"` are one name). The text need not be valid JSON
 * (the parser reports a malformed one); on valid JSON both findings are exact.
 *
 * @example
 * scanJsonText('{"a": 1, "b": {"a": 2}, "a": 3}', 64).duplicate; // { key: 'a', first: 1, second: 24 }
 */
export function scanJsonText(text: string, maxDepth: number): JsonTextScan {
  const levels: Names[] = [];
  // 1 where the container open at that level is an object; read on closing brackets only, never per comma.
  const kinds = new Uint8Array(Math.min(maxDepth, text.length) + 2);
  let inObject = false;
  let duplicate: DuplicateKey | undefined;
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // `c & 0xdf` folds { onto [ and } onto ]: digits, letters and spaces leave after four comparisons.
    const bracket = c & 0xdf;
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i++;
        } else if (d === QUOTE) break;
      }
      if (!expectKey) continue;
      expectKey = false;
      if (duplicate === undefined) duplicate = addName(levels[depth]!, text, start, i, escaped);
    } else if (c === COMMA) {
      if (inObject) expectKey = true;
    } else if (bracket === OPEN_ARRAY) {
      if (++depth > maxDepth) return { depthExcess: i, duplicate };
      inObject = c === OPEN_OBJECT;
      kinds[depth] = inObject ? 1 : 0;
      if (inObject) {
        expectKey = true;
        (levels[depth] ??= new Names()).reset();
      }
    } else if (bracket === CLOSE_ARRAY) {
      depth--;
      inObject = kinds[depth] === 1;
      expectKey = false;
    }
  }
  return { depthExcess: undefined, duplicate };
}

/** Records the name quoted from `start` to `end` in `names`; the duplicate, when it was there already. */
function addName(
  names: Names,
  text: string,
  start: number,
  end: number,
  escaped: boolean,
): DuplicateKey | undefined {
  let key: string;
  try {
    key = escaped ? (JSON.parse(text.slice(start, end + 1)) as string) : text.slice(start + 1, end);
  } catch {
    return undefined; // a malformed name: the parser will say where
  }
  const first = names.add(key, start);
  return first === undefined ? undefined : { key, first, second: start };
}

/**
 * The first name given twice in one object of `text`, or undefined (see {@link scanJsonText}).
 *
 * @example
 * findDuplicateKey('[{"a": 1}, {"a": 2}]'); // undefined: two objects, one "a" each
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  return scanJsonText(text, Infinity).duplicate;
}
