import { spawn } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../errors/index.ts';
import { createFsModelStore } from './fs-model-store.ts';

const CHILD = fileURLToPath(new URL('./test-fixtures/publish-race-child.ts', import.meta.url));

interface ChildResult {
  outcome: string;
  version?: string;
  currentLatest?: string;
}

/**
 * Starts a publisher process and resolves `ready` once it has loaded everything and waits for the word; `go()`
 * releases it. Releasing every child only after all are ready makes their publishes overlap however slowly
 * each one starts on a busy machine.
 */
function startChild(
  root: string,
  label: string,
): { ready: Promise<void>; go(): void; result: Promise<ChildResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, root, label], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const result = new Promise<ChildResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.slice('ready\n'.length)) as ChildResult)
        : reject(new Error(`child ${label} exited ${code}: ${err}`)),
    );
  });
  // A child that dies before it is ready fails the test through `result` instead of hanging on `ready`.
  void result.catch(() => onReady());
  return { ready, go: () => child.stdin.end('go\n'), result };
}

describe('fs model store', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'fs-model-store-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('lets exactly one of several publishing processes move latest; the others are told the winner', async () => {
    const children = ['a', 'b', 'c'].map((label) => startChild(root, label));
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.go();
    const results = await Promise.all(children.map((child) => child.result));
    const winners = results.filter((r) => r.outcome === 'won');
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.outcome !== 'won')) {
      expect(loser).toEqual({ outcome: 'conflict', currentLatest: winners[0]?.version });
    }
    expect((await createFsModelStore(root).latest('race'))?.version).toBe(winners[0]?.version);
  });

  it('tells a publisher that fell more than the kept generations behind that it lost, instead of "winning" a pruned slot', async () => {
    const store = createFsModelStore(root);
    const base = await store.publish('m', new Uint8Array([0])); // generation 1
    const pointer = join(root, 'm', 'pointer');
    const gen = (g: number) => join(pointer, `${String(g).padStart(12, '0')}.json`);
    // While this publisher is between reading latest (generation 1) and creating generation 2, others publish
    // 19 times and prune; toJSON runs exactly there (the manifest is built after the pointer read).
    const metadata = {
      toJSON() {
        const copy = readFileSync(gen(1), 'utf8');
        for (let g = 2; g <= 20; g++) writeFileSync(gen(g), copy);
        for (let g = 1; g <= 4; g++) unlinkSync(gen(g));
        return {};
      },
    };
    const error = await store.publish('m', new Uint8Array([1]), { metadata }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(await readdir(pointer)).not.toContain('000000000002.json');
    expect((await store.latest('m'))?.version).toBe(base.version);
  });

  it('keeps the pointer folder small by pruning old generations while latest stays right', async () => {
    const store = createFsModelStore(root, { keepVersions: 100 });
    let last = '';
    for (let i = 0; i < 24; i++) last = (await store.publish('m', new Uint8Array([i]))).version;
    expect((await store.latest('m'))?.version).toBe(last);
    const generations = await readdir(join(root, 'm', 'pointer'));
    expect(generations.length).toBeLessThanOrEqual(16);
    expect(await readdir(join(root, 'm', '.staging'))).toEqual([]);
    expect(await store.versions('m')).toHaveLength(24);
  });

  it('leaves no half-written version behind when the artifact cannot be written', async () => {
    const store = createFsModelStore(root);
    // A non-serialisable metadata value fails before any byte is written.
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(store.publish('m', new Uint8Array([1]), { metadata: cyclic })).rejects.toThrow();
    expect(await store.versions('m')).toEqual([]);
    expect(await store.latest('m')).toBeUndefined();
  });
});
