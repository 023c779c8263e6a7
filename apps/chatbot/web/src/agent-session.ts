// The agent's credentials for this tab (sessionStorage: gone when the tab closes), and the calls they sign.
import { api, tryApi, type ApiOptions } from '@suite/console/web/api.ts';

const KEY = 'chatbot.agent';

export interface Agent {
  adminKey: string;
  name: string;
}

export function loadAgent(): Agent | undefined {
  try {
    const agent = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Agent | null;
    return agent?.adminKey ? agent : undefined;
  } catch {
    return undefined;
  }
}

export function saveAgent(agent: Agent | undefined): void {
  if (agent) sessionStorage.setItem(KEY, JSON.stringify(agent));
  else sessionStorage.removeItem(KEY);
}

/** An admin call: the key goes in x-admin-key. */
export const adminApi = <T>(agent: Agent, path: string, options: ApiOptions = {}) =>
  api<T>(path, { ...options, headers: { ...options.headers, 'x-admin-key': agent.adminKey } });

/** The route agents reply on (issue 13's two-way handoff), documented in /api/openapi.json once it ships. */
export const REPLY_PATH = /^\/api\/handoffs\/\{[^}]+\}\/(reply|replies|messages)$/;

/**
 * Whether the back end takes agent replies: true or false when its OpenAPI document says, undefined when there
 * is no document to ask (the console then tries, and hides the form on a 404).
 */
export async function findReplyRoute(): Promise<string | null | undefined> {
  const doc = await tryApi<{ paths?: Record<string, unknown> }>('/api/openapi.json').catch(() => undefined);
  if (!doc?.paths) return undefined;
  return Object.keys(doc.paths).find((path) => REPLY_PATH.test(path)) ?? null;
}
