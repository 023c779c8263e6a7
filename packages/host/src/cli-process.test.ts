// The suite-host CLI as a process, on an app that leaves HTTP streaming off (buffered RPC bodies).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/suite-host.mjs', import.meta.url));
const ENTRY = fileURLToPath(new URL('./fixtures/buffered-app.ts', import.meta.url));

let child: ChildProcess;
let url = '';
let output = '';

beforeAll(async () => {
  child = spawn(process.execPath, [BIN, '--port', '0', '--host', '127.0.0.1', '--name', 'buffered', ENTRY], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('suite-host CLI with streaming off', () => {
  it('passes route parameters, query and JSON body through RPC data and returns status, body and cookies', async () => {
    const response = await fetch(`${url}/api/greet/ann?q=1`, {
      method: 'POST',
      body: JSON.stringify({ greeting: 'hi' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ text: 'hi ann', q: '1' });
    expect(response.headers.get('set-cookie')).toBe('seen=1; Path=/; HttpOnly');
  });

  it('answers 204 when the handler returns nothing', async () => {
    expect((await fetch(`${url}/api/silent`)).status).toBe(204);
  });

  it('answers 404 outside the route prefix', async () => {
    expect((await fetch(`${url}/greet/ann`)).status).toBe(404);
  });

  it('runs appTerminate hooks and exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('buffered-app terminated');
  });
});
