// A local server speaking the chat-completions wire format (JSON and SSE streaming) for tests of the real client.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeChatServer {
  /** Base URL to give the openai client (ends in /v1). */
  baseURL: string;
  /** Bodies of the requests received, parsed. */
  requests: Array<{ model: string; stream?: boolean; messages: Array<{ role: string; content: string }> }>;
  /** What the next requests get: an answer (split into `chunks` when streamed), an error status, or a delay. */
  behave(options: { answer?: string; chunks?: string[]; status?: number; delayMs?: number }): void;
  close(): Promise<void>;
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the server on a free port of 127.0.0.1. */
export async function startFakeChatServer(): Promise<FakeChatServer> {
  let behaviour: { answer: string; chunks?: string[]; status?: number; delayMs?: number } = {
    answer: 'Hello from the model.',
  };
  const requests: FakeChatServer['requests'] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const part of req) raw += String(part);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const body = JSON.parse(raw) as FakeChatServer['requests'][number];
    requests.push(body);
    const { answer, chunks, status, delayMs } = behaviour;
    if (delayMs) await sleep(delayMs);
    if (status && status >= 400) {
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'model failed', type: 'server_error' } }));
      return;
    }
    if (!body.stream) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(completion(body.model, answer)));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    send(chunk(body.model, { role: 'assistant', content: '' }, null));
    for (const piece of chunks ?? answer.split(/(?<= )/)) {
      send(chunk(body.model, { content: piece }, null));
      await sleep(1);
    }
    send(chunk(body.model, {}, 'stop'));
    res.end('data: [DONE]\n\n');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.destroy(error as Error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    behave(options) {
      behaviour = { answer: options.answer ?? 'Hello from the model.', ...options };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
