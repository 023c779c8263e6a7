// The chatbot served by the dev host over real HTTP for one test file: ADMIN_KEY set, a free port, no timers, a
// temporary folder for each engine's model store, and a job followed to its end as a client would.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { useTestHost } from '@suite/host/testing';
import { resetSharedConfig } from '@suite/shared/config';
import { afterAll, beforeAll } from 'vitest';
import { resetChatbot } from '../service/index.ts';

export const TEST_ADMIN_KEY = 'test-admin-key';
/** The admin header the host accepts. */
export const ADMIN = { 'x-admin-key': TEST_ADMIN_KEY };

/** A job as `GET /api/jobs/{id}` answers it, once it ended. */
export interface EndedJob {
  state: string;
  result: { model: string; version: string };
  error: { status: number } | null;
}

export interface ChatbotHttpHost {
  /** The host's base URL (read it inside tests and hooks: the host starts in the file's beforeAll). */
  readonly url: string;
  /** A folder for one engine's model store, removed with the rest after the file. */
  folder(name: string): string;
  /** Bounded polling of a job through the host (its Location), as a client would; the job once it ended. */
  followJob(location: string): Promise<EndedJob>;
}

/** Starts the host before the file's tests and closes it after (call at the top of a test file). */
export function useChatbotHttpHost(folderPrefix: string): ChatbotHttpHost {
  let dir: string | undefined;
  beforeAll(async () => {
    process.env.ADMIN_KEY = TEST_ADMIN_KEY;
    resetSharedConfig();
    dir = await mkdtemp(join(tmpdir(), folderPrefix));
  });
  afterAll(async () => {
    resetChatbot();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  // After the hooks above: it starts once ADMIN_KEY is set and closes before the chatbot is reset.
  const host = useTestHost(resolve(import.meta.dirname, '../index.ts'));
  return {
    get url() {
      return host.url;
    },
    folder(name) {
      if (!dir) throw new Error('the chatbot host starts in beforeAll: use it inside tests and hooks');
      return join(dir, name);
    },
    async followJob(location) {
      for (let i = 0; i < 3000; i++) {
        const response = await fetch(`${host.url}${location}`, { headers: ADMIN });
        const job = (await response.json()) as EndedJob;
        if (job.state !== 'queued' && job.state !== 'running') return job;
        await new Promise((done) => setTimeout(done, 10));
      }
      throw new Error(`${location} did not end`);
    },
  };
}
