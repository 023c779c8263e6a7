// Joins two files in data/char-table.bin's format into one (src/nlp/joined-char-table.ts), for lm-candidates.ts.
// Usage: tsx bench/research/joined-char-table.ts a.bin b.bin out.bin
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeCharTable, encodeCharTable } from '../../src/nlp/char-table.ts';
import { joinCharTables } from '../../src/nlp/joined-char-table.ts';

const [fa, fb, out] = process.argv.slice(2) as [string, string, string];
const load = (f: string) => decodeCharTable(new Uint8Array(readFileSync(f)));
const t = joinCharTables(load(fa), load(fb), 'joined', `${fa} + ${fb}`);
writeFileSync(out, encodeCharTable(t));
console.log(JSON.stringify({ chars: [...t.chars].length, dim: t.dim, bytes: t.codes.length }));
