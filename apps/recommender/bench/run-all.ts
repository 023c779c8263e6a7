// Runs every benchmark in turn with the same arguments (`[dataDir] [split ...]`); each prints JSON lines.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPTS = ['accuracy.ts', 'train-time.ts', 'serving.ts', 'incremental.ts', 'parallel.ts'];
for (const script of SCRIPTS) {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const res = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
