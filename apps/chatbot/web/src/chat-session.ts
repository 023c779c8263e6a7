// The customer's conversation: the server-issued session id and token (kept for this tab), and streamed turns.
import { ApiError, apiKeyHeaders, toError } from '@suite/console/web/api.ts';
import { readSse } from '@suite/console/web/sse.ts';
import type { ChatReply, KbEntry } from './types.ts';

const STORAGE_KEY = 'chatbot.session';

/** The session this tab holds: the server issues both on the first turn, the token is shown only then. */
export interface Session {
  id: string;
  token: string;
}

export function loadSession(): Session | undefined {
  const text = sessionStorage.getItem(STORAGE_KEY);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
}

/** Headers that prove the caller holds the session. */
export const sessionHeaders = (session: Session | undefined): Record<string, string> =>
  session ? { 'x-session-token': session.token } : {};

/** What a streamed turn reports as it goes. */
export interface TurnEvents {
  meta(meta: {
    intent: string | null;
    confidence: number;
    outOfScope: boolean;
    kbEntries: KbEntry[];
    language: string;
  }): void;
  delta(text: string): void;
  reset(): void;
  done(reply: ChatReply): void;
}

/**
 * Sends one message through POST /api/chat/stream and reports its events; returns the session (new on the first
 * turn). A failure before the stream starts throws the API's problem as an ApiError.
 */
export async function streamTurn(
  session: Session | undefined,
  message: string,
  on: TurnEvents,
): Promise<Session | undefined> {
  const response = await fetch('/api/chat/stream', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...apiKeyHeaders(),
      ...sessionHeaders(session),
    },
    body: JSON.stringify(session ? { sessionId: session.id, message } : { message }),
  });
  if (!response.ok) throw await toError(response);
  let current = session;
  for await (const event of readSse(response)) {
    const data = JSON.parse(event.data) as Record<string, unknown>;
    if (event.event === 'meta') {
      if (!current && typeof data.sessionToken === 'string')
        current = { id: String(data.sessionId), token: data.sessionToken };
      on.meta(data as unknown as Parameters<TurnEvents['meta']>[0]);
    } else if (event.event === 'delta') on.delta(String(data.text ?? ''));
    else if (event.event === 'reset') on.reset();
    else if (event.event === 'done') on.done(data.reply as ChatReply);
    else if (event.event === 'error') throw new ApiError(500, String(data.title ?? 'stream failed'), '');
  }
  return current;
}
