// What the language rules cost a cold instance: src/nlp/message-language.ts (script rules, common words, the
// undeclared-language check and its n-gram profile) bundled by Vite for Node with an entry that detects one message, run in
// fresh Node processes: the process's CPU and RSS at the first answer, and the bundle's size.
// Usage: tsx bench/language-rules-start.ts [--runs=7]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { flag, report } from './intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'language-rules-'));
const entry = join(dir, 'entry.ts');
// The whole process's CPU and RSS at the first answer: rollup may evaluate the bundled modules before the entry's
// own code, so nothing inside can mark their start. Compare two commits' figures, not one with zero.
writeFileSync(
  entry,
  `import { detectMessageLanguage } from ${JSON.stringify(join(here, '../src/nlp/message-language.ts'))};
const found = detectMessageLanguage('Moja karta nadal nie przyszła', ['en', 'zh', 'es']);
const cpu = process.cpuUsage();
console.log(JSON.stringify({ found, cpuMs: (cpu.user + cpu.system) / 1000, rssMB: process.memoryUsage().rss / 2 ** 20 }));`,
);
const out = join(dir, 'bundle.mjs');
await build({
  configFile: false,
  logLevel: 'error',
  ssr: { noExternal: true },
  build: {
    ssr: entry,
    outDir: dir,
    emptyOutDir: false,
    rollupOptions: { output: { entryFileNames: 'bundle.mjs' } },
  },
});
const bytes = readFileSync(out);
const runs = Array.from({ length: Number(flag('runs', '7')) }, () =>
  JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' })),
);
rmSync(dir, { recursive: true });
const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
report({
  figure: 'language rules in a fresh Node process: start, import and first message',
  found: runs[0].found,
  cpuMsMedian: median(runs.map((r) => r.cpuMs)),
  rssMBMedian: Number(median(runs.map((r) => r.rssMB)).toFixed(1)),
  runs: runs.length,
  bundleKB: Number((bytes.length / 1024).toFixed(1)),
  bundleGzipKB: Number((gzipSync(bytes).length / 1024).toFixed(1)),
  load1: Number(loadavg()[0]!.toFixed(1)),
});
