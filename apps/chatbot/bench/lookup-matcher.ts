// CPU of the lookup-table matcher (src/nlp/lookup-tables.ts): its worst case, 100 entries sharing a first character
// (one of each length 2-101) over a 2,000-character message where every position starts each, and a realistic one,
// the SMP2018 lists of fixtures/smp2018-lookup-tables.json (1,772 entries) over Banking77 train.csv's messages and
// the Chinese of the lists themselves in sentences. Prints build CPU and CPU microseconds per message.
// Usage: tsx bench/lookup-matcher.ts
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLookupMatcher, type LookupTables } from '../src/nlp/lookup-tables.ts';
import { english } from './latin-sets.ts';
import { report } from './intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const smp = JSON.parse(readFileSync(join(here, 'fixtures', 'smp2018-lookup-tables.json'), 'utf8')) as {
  lookupTables: LookupTables;
};

const cpuMicros = (run: () => void) => {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return used.user + used.system;
};

/** CPU microseconds per message over `rounds` passes after one uncounted pass, and the build's CPU. */
function measure(name: string, tables: LookupTables, messages: readonly string[], rounds: number): void {
  let matcher = createLookupMatcher(tables);
  const buildMicros = cpuMicros(() => {
    matcher = createLookupMatcher(tables);
  });
  let found = 0;
  for (const m of messages) found += matcher.tokens(m).length;
  const micros = cpuMicros(() => {
    for (let r = 0; r < rounds; r++) for (const m of messages) matcher.tokens(m);
  });
  report({
    figure: 'lookup matcher CPU',
    case: name,
    entries: Object.values(tables).reduce((n, t) => n + t.length, 0),
    messages: messages.length,
    meanChars: Math.round(messages.reduce((n, m) => n + m.length, 0) / messages.length),
    tokensFound: found,
    buildMs: Number((buildMicros / 1000).toFixed(2)),
    cpuMicrosPerMessage: Number((micros / (rounds * messages.length)).toFixed(2)),
    load1: Number(loadavg()[0]!.toFixed(1)),
  });
}

// Worst case: entries 甲丙, 甲甲丙, ... (100, lengths 2-101, all starting with 甲) over 甲 x 2,000: at every position every
// length is a candidate (the slices) or the walk goes 100 deep (a trie), and nothing matches. Han, so no word
// boundary cuts the search short; the Latin twin shows what the boundary does.
const worstEntries = Array.from({ length: 100 }, (_, k) => `${'甲'.repeat(k + 1)}丙`);
measure('100 entries sharing a first character, 甲 x 2,000', { w: worstEntries }, ['甲'.repeat(2000)], 200);
const latinEntries = Array.from({ length: 100 }, (_, k) => `${'a'.repeat(k + 1)}c`);
measure(
  '100 Latin entries sharing a first character, a x 2,000',
  { w: latinEntries },
  ['a'.repeat(2000)],
  20,
);
const spaced = Array.from({ length: 1000 }, () => 'a').join(' ');
measure('the same Latin entries, "a a a ..." (1,999 characters)', { w: latinEntries }, [spaced], 200);

const chinese = Object.values(smp.lookupTables)
  .flat()
  .map((name) => `帮我打开${name}然后播放`);
measure('SMP2018 lists, Chinese sentences holding an entry', smp.lookupTables, chinese, 5);
measure('SMP2018 lists, Banking77 train.csv (English)', smp.lookupTables, english, 3);
