// What opening an existing PGlite data folder costs a fresh process (what an app's cold start pays on the embedded
// default), for each `shared_buffers` given, alternated run by run so load drifts hit them alike: CPU of the app's
// thread and of V8's helper threads (wasm tier-up, GC), wall time and peak RSS (the process's, tsx included: see
// rssBeforeMB), from `new PGlite` to the first query answered.
// Usage: nice -n 10 tsx bench/pglite-open.ts [--runs 5] [--buffers 128MB,16MB] [--in-memory]
//   --in-memory: an in-memory engine instead, started by initdb (`initdb`) or from the machine template (`template`).
// Prints one JSON line per process and one of medians per variant, each with the load average.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { PGLITE_START_PARAMS } from '../src/db/pglite-db.ts';
import { ensurePgliteTemplate, ensurePgliteTemplateFolder } from '../src/db/pglite-template.ts';

const { values } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '5' },
    buffers: { type: 'string', default: '128MB,16MB' },
    'in-memory': { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

interface Figure {
  variant: string;
  cpuMs: number;
  mainThreadCpuMs: number;
  wallMs: number;
  peakRssMB: number;
  rssBeforeMB: number;
}

/** CPU ms of this process's threads from /proc: the main thread, and the others (V8's compiler and GC helpers). */
function threadCpuMs(): { main: number; others: number } {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * 10;
    if (tid === String(process.pid)) main += ms;
    else others += ms;
  }
  return { main, others };
}

async function child(variant: string, dataDir: string): Promise<void> {
  const [kind, buffers] = variant.split(':') as [string, string];
  // From here: tsx's own start before it is not PGlite's.
  const cpu0 = threadCpuMs();
  const rssBeforeMB = Math.round(process.memoryUsage().rss / 2 ** 20);
  const started = performance.now();
  // A later -c of the same setting wins, so this replaces the suite's shared_buffers and keeps the rest.
  const options: PGliteOptions = { startParams: [...PGLITE_START_PARAMS, '-c', `shared_buffers=${buffers}`] };
  if (kind === 'template') options.loadDataDir = new Blob([readFileSync(await ensurePgliteTemplate())]);
  const engine = kind === 'folder' ? new PGlite(dataDir, options) : new PGlite(options);
  await engine.query('SELECT 1');
  const wallMs = performance.now() - started;
  const cpu = threadCpuMs();
  const figure: Figure = {
    variant,
    cpuMs: cpu.main + cpu.others - cpu0.main - cpu0.others,
    mainThreadCpuMs: cpu.main - cpu0.main,
    wallMs: Math.round(wallMs),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeMB,
  };
  await engine.close();
  console.log(JSON.stringify(figure));
}

function runChild(variant: string, dataDir: string): Promise<Figure> {
  const file = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, ['--import', 'tsx', file, '--child', variant, '--', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    proc.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Figure) : reject(new Error(out)),
    ),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg()[0]!.toFixed(1);

if (values.child) {
  await child(values.child, process.argv[process.argv.length - 1]!);
} else {
  const buffers = values.buffers.split(',');
  const kinds = values['in-memory'] ? ['initdb', 'template'] : ['folder'];
  const variants = kinds.flatMap((kind) => buffers.map((b) => `${kind}:${b}`));
  const dir = mkdtempSync(join(tmpdir(), 'suite-pglite-open-'));
  try {
    const dataDir = join(dir, 'data');
    // An existing cluster, as an app finds its folder on every start after the first.
    cpSync(await ensurePgliteTemplateFolder(), dataDir, { recursive: true });
    const figures = new Map<string, Figure[]>(variants.map((v) => [v, []]));
    for (let run = 0; run < Number(values.runs); run += 1) {
      for (const variant of variants) {
        const figure = await runChild(variant, dataDir);
        figures.get(variant)!.push(figure);
        console.log(JSON.stringify({ bench: 'pglite-open', run, ...figure, load: load() }));
      }
    }
    for (const [variant, list] of figures) {
      console.log(
        JSON.stringify({
          bench: 'pglite-open',
          variant,
          runs: list.length,
          cpuMsMedian: median(list.map((f) => f.cpuMs)),
          mainThreadCpuMsMedian: median(list.map((f) => f.mainThreadCpuMs)),
          wallMsMedian: median(list.map((f) => f.wallMs)),
          peakRssMBMedian: median(list.map((f) => f.peakRssMB)),
          load: load(),
        }),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
