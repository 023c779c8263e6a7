import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, describe, expect, it } from 'vitest';
import type { RegisteredFunction } from '../core-api.ts';
import { ensureDevStorage } from './dev-storage.ts';
import { canConnect } from './local-azurite.ts';

const appDir = mkdtempSync(join(tmpdir(), 'dev-storage-'));
afterAll(() => rmSync(appDir, { recursive: true, force: true }));

const fn = (bindings: RegisteredFunction['metadata']['bindings']): RegisteredFunction => ({
  name: 'f',
  metadata: { name: 'f', bindings },
  callback: async () => undefined,
});

/** Two free ports next to each other (Azurite's blob and queue), from SUITE_TEST_PORT_BASE (default 18100) up. */
async function freePorts(): Promise<[number, number]> {
  const base = Number(process.env.SUITE_TEST_PORT_BASE ?? 18100);
  for (let port = base; port < base + 100; port += 2) {
    if (!(await canConnect(port)) && !(await canConnect(port + 1))) return [port, port + 1];
  }
  throw new Error(`no two free ports from ${base}`);
}

describe('suite-host --dev storage', () => {
  it('needs no Azurite for an app without queue bindings', async () => {
    const httpOnly = fn({ req: { type: 'httpTrigger', direction: 'in' } });
    expect(await ensureDevStorage(appDir, [httpOnly], {})).toBeUndefined();
  });

  it('starts Azurite persisted under .data/azurite for queue bindings on development storage, and a second app reuses it', async () => {
    const [blob, queue] = await freePorts();
    const env: Record<string, string | undefined> = {
      AZURITE_BLOB_PORT: String(blob),
      AZURITE_QUEUE_PORT: String(queue),
      Jobs: 'UseDevelopmentStorage=true',
    };
    const app = [
      fn({ trigger: { type: 'queueTrigger', direction: 'in', queueName: 'a' } }),
      fn({ out: { type: 'queue', direction: 'out', queueName: 'b', connection: 'Jobs' } }),
    ];
    const first = await ensureDevStorage(appDir, app, env);
    try {
      expect(first?.note).toMatch(/started/);
      expect(existsSync(join(appDir, '.data', 'azurite'))).toBe(true);
      expect(env.AzureWebJobsStorage).toContain(`QueueEndpoint=http://127.0.0.1:${queue}/devstoreaccount1`);
      expect(env.Jobs).toBe(env.AzureWebJobsStorage);
      const client = QueueServiceClient.fromConnectionString(env.AzureWebJobsStorage!).getQueueClient('dev');
      await client.createIfNotExists();
      await client.sendMessage('kept');

      const secondEnv = { ...env, AzureWebJobsStorage: undefined, Jobs: undefined };
      const second = await ensureDevStorage(appDir, app, secondEnv);
      expect(second?.note).toMatch(/already running/);
      await second?.stop();
    } finally {
      await first?.stop();
    }
    // Persisted: a new Azurite on the same folder still has the message.
    const again = await ensureDevStorage(appDir, app, { ...env, AzureWebJobsStorage: undefined });
    try {
      const client = QueueServiceClient.fromConnectionString(env.AzureWebJobsStorage!).getQueueClient('dev');
      expect((await client.peekMessages()).peekedMessageItems[0]?.messageText).toBe('kept');
    } finally {
      await again?.stop();
    }
    // Three Azurite starts with persisted data: slow on a loaded machine.
  }, 120_000);
});
