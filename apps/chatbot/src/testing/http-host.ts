// The chatbot served by the dev host over real HTTP for one test file: ADMIN_KEY set, a free port, no timers, a
// chatbot on a fresh database of each engine with its model store in a temporary folder, requests as a client sends
// them, and a job followed to its end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { useTestHost } from '@suite/host/testing';
import { resetSharedConfig } from '@suite/shared/config';
import { createTestDb, type testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import { resetChatbot } from '../service/index.ts';
import type { ChatbotDeps } from '../service/chatbot.ts';
import { createTestChatbot } from './chatbot-kit.ts';
import { seedTrainedModels } from './trained-models.ts';

export const TEST_ADMIN_KEY = 'test-admin-key';
/** The admin header the host accepts. */
export const ADMIN = { 'x-admin-key': TEST_ADMIN_KEY };

/** A database engine the tests run on. */
type TestEngine = ReturnType<typeof testEngines>[number];
/** A fresh database of one engine. */
type TestDb = Awaited<ReturnType<typeof createTestDb>>;

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
  /**
   * Serves a test chatbot (`overrides` on its deps) on a fresh database of `engine`, its model store in
   * `folder(engine)` holding the trained classifier of the demo it serves (seedTrainedModels: no test here is about a
   * first training), for the enclosing describe block: call it inside that block. Returns that database (read it
   * inside tests), for rows a test writes or checks itself.
   */
  serveOn(engine: TestEngine, overrides?: Partial<ChatbotDeps>): () => TestDb;
  /** POSTs `body` as JSON to `/api/<path>` (a string is sent as it is). */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Starts a conversation: its id, its first turn, and the session-token header later calls carry. */
  startConversation(
    message: string,
  ): Promise<{ sessionId: string; sessionToken: string; turn: number; token: Record<string, string> }>;
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
  const kit: ChatbotHttpHost = {
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
    serveOn(engine, overrides) {
      let db: TestDb | undefined;
      beforeAll(async () => {
        db = await createTestDb(engine);
        await seedTrainedModels(kit.folder(engine), overrides?.config?.DEMO_KNOWLEDGE_BASE);
        resetChatbot(createTestChatbot(db, kit.folder(engine), overrides));
      });
      afterAll(async () => {
        await db?.dispose();
      });
      return () => {
        if (!db) throw new Error('the database is created in beforeAll: use it inside tests');
        return db;
      };
    },
    post(path, body, headers = {}) {
      return fetch(`${host.url}/api/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async startConversation(message) {
      const res = await kit.post('chat', { message });
      expect(res.status).toBe(200);
      const reply = (await res.json()) as { sessionId: string; sessionToken: string; turn: number };
      return { ...reply, token: { 'x-session-token': reply.sessionToken } };
    },
  };
  return kit;
}
