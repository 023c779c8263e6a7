// Time to a usable PGlite test database (createTestDb('pglite') then one query), in a fresh process: the first one
// (cold: module load, WASM compile, cluster) and the next ones (warm), with initdb or with the pre-initialised template.
// Usage: npx tsx bench/pglite-start.ts [initdb|template] [--warm 4]   (one mode per process, so cold means cold)
// Prints one JSON line per figure: wall and CPU ms (CPU moves far less than wall on a loaded machine) and load.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createTestDb } from '../src/testing/test-db.ts';
import { ensurePgliteTemplate, usePgliteTemplate } from '../src/testing/pglite-template.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { warm: { type: 'string', default: '4' } },
});
const mode = positionals[0] ?? 'template';
if (mode !== 'initdb' && mode !== 'template') throw new Error(`mode must be initdb or template, got ${mode}`);

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function oneDb(): Promise<{ wallMs: number; cpuMs: number }> {
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  const db = await createTestDb('pglite');
  await db.query('SELECT 1');
  const figure = { wallMs: performance.now() - wall0, cpuMs: cpuMs() - cpu0 };
  await db.dispose();
  return figure;
}

if (mode === 'template') {
  // The template file is made by the test run's global setup; making it is not part of a test database's start.
  usePgliteTemplate(await ensurePgliteTemplate());
}
const cold = await oneDb();
const warm: { wallMs: number; cpuMs: number }[] = [];
for (let i = 0; i < Number(values.warm); i += 1) warm.push(await oneDb());
const load = loadavg()[0]!.toFixed(1);
const round = (x: number) => Math.round(x);
console.log(
  JSON.stringify({
    bench: 'pglite-start',
    mode,
    phase: 'cold',
    wallMs: round(cold.wallMs),
    cpuMs: round(cold.cpuMs),
    load,
  }),
);
console.log(
  JSON.stringify({
    bench: 'pglite-start',
    mode,
    phase: 'warm',
    runs: warm.length,
    wallMsMedian: round(median(warm.map((w) => w.wallMs))),
    cpuMsMedian: round(median(warm.map((w) => w.cpuMs))),
    load,
  }),
);
