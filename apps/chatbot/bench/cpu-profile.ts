// Reads a V8 .cpuprofile (node --cpu-prof) of a packaged, unminified app process: CPU per source module (from the
// bundle's `// src/...` module comments), per named function (inclusive), and the longest busy stretch of the
// thread, each within a time window (the parent's process.hrtime clock, which is V8's profile clock on Linux).
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** One sample: when (microseconds, monotonic), for how long, and its stack (leaf first). */
interface Sample {
  atUs: number;
  us: number;
  stack: CallFrame[];
}

/** A loaded profile: its samples, and where each bundle line's module starts. */
export interface LoadedProfile {
  samples: Sample[];
  moduleOf(frame: CallFrame): string;
}

// Samples of a thread waiting in its event loop (V8 is told it is idle) or outside any script.
const IDLE = new Set(['(idle)', '(root)']);
// The package's own bundle: dist/index.js and its chunks.
const BUNDLED = /\/dist\/(chunks\/)?[^/]+\.js$/;

/** Line ranges of the modules in an unminified esbuild bundle: each starts at its `// path` comment. */
function bundleModules(file: string): Array<{ line: number; name: string }> {
  const out: Array<{ line: number; name: string }> = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, line) => {
      const m = /^\/\/ ((?:\.\.\/)*(?:src|node_modules|packages|apps)\/\S+)$/.exec(text);
      if (m) out.push({ line, name: shortName(m[1] as string) });
    });
  return out;
}

/** `../../node_modules/@orama/stemmers/x.js` -> `npm @orama/stemmers`; `src/nlp/x.ts` stays. */
function shortName(path: string): string {
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (npm) return `npm ${npm[1]}`;
  const shared = /packages\/([^/]+)\/src\/(.+)$/.exec(path);
  if (shared) return `@suite/${shared[1]} ${shared[2]}`;
  return path.replace(/^(\.\.\/)+/, '').replace(/^apps\/chatbot\//, '');
}

/** Loads `file`; frames in the package's dist/*.js are named by module. */
export function loadProfile(file: string): LoadedProfile {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples: Sample[] = [];
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const next = profile.timeDeltas[i + 1] ?? 0;
    const stack: CallFrame[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const node = byId.get(n);
      if (node) stack.push(node.callFrame);
    }
    samples.push({ atUs: at, us: next, stack });
  });
  const modules = new Map<string, Array<{ line: number; name: string }>>();
  const moduleOf = (frame: CallFrame): string => {
    const { url } = frame;
    if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
    if (url.startsWith('node:')) return 'node internals';
    if (url.startsWith('wasm:')) return 'wasm (PGlite)';
    const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (npm && !BUNDLED.test(url)) return `npm ${npm[1]}`;
    if (BUNDLED.test(url)) {
      const path = new URL(url).pathname;
      let ranges = modules.get(path);
      if (ranges === undefined) modules.set(path, (ranges = bundleModules(path)));
      let name = `${path.slice(path.lastIndexOf('/') + 1)} (no module comment)`;
      for (const r of ranges) if (r.line <= frame.lineNumber) name = r.name;
      return name;
    }
    return url.slice(url.lastIndexOf('/') + 1);
  };
  return { samples, moduleOf };
}

/** Whether a sample's thread was busy (running JavaScript, compiling or collecting garbage). */
function busy(s: Sample): boolean {
  return !IDLE.has(s.stack[0]?.functionName ?? '(idle)');
}

function within(p: LoadedProfile, fromUs: number, toUs: number): Sample[] {
  return p.samples.filter((s) => s.atUs >= fromUs && s.atUs < toUs);
}

/** Busy milliseconds between two times (microseconds on the profile's clock). */
export function busyMs(p: LoadedProfile, fromUs: number, toUs: number): number {
  return within(p, fromUs, toUs).reduce((sum, s) => sum + (busy(s) ? s.us : 0), 0) / 1000;
}

/** Self milliseconds per module in the window, largest first (garbage collection and compilation are their own). */
export function selfByModule(p: LoadedProfile, fromUs: number, toUs: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of within(p, fromUs, toUs)) {
    if (!busy(s)) continue;
    const leaf = s.stack[0];
    const name = leaf ? p.moduleOf(leaf) : '(unknown)';
    out.set(name, (out.get(name) ?? 0) + s.us / 1000);
  }
  return new Map([...out].sort((a, b) => b[1] - a[1]));
}

/** Inclusive milliseconds of each named function in the window (a sample counts once per function). */
export function inclusiveByFunction(
  p: LoadedProfile,
  fromUs: number,
  toUs: number,
  names: readonly string[],
): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (const s of within(p, fromUs, toUs)) {
    if (!busy(s)) continue;
    const seen = new Set(s.stack.map((f) => f.functionName));
    for (const n of names) if (seen.has(n)) out[n] = (out[n] as number) + s.us / 1000;
  }
  return out;
}

/** The longest run of busy samples in the window, in milliseconds: how long the event loop could not turn. */
export function longestBusyMs(p: LoadedProfile, fromUs: number, toUs: number): number {
  let longest = 0;
  let run = 0;
  for (const s of within(p, fromUs, toUs)) {
    run = busy(s) ? run + s.us : 0;
    longest = Math.max(longest, run);
  }
  return longest / 1000;
}

/** The `n` functions of the app's own modules (src/, @suite/) with most inclusive milliseconds in the window. */
export function topOwnFunctions(
  p: LoadedProfile,
  fromUs: number,
  toUs: number,
  n: number,
): Record<string, number> {
  const out = new Map<string, number>();
  for (const s of within(p, fromUs, toUs)) {
    if (!busy(s)) continue;
    const seen = new Set<string>();
    for (const f of s.stack) {
      const module = p.moduleOf(f);
      if (!module.startsWith('src/') && !module.startsWith('@suite/')) continue;
      const key = `${f.functionName || '(top level)'} ${module.slice(module.lastIndexOf('/') + 1)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.set(key, (out.get(key) ?? 0) + s.us / 1000);
    }
  }
  const top = [...out].sort((a, b) => b[1] - a[1]).slice(0, n);
  return Object.fromEntries(top.map(([k, v]) => [k, Math.round(v * 10) / 10]));
}
