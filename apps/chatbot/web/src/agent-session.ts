// The agent's name for this tab (sessionStorage: gone when the tab closes), and the admin calls the desk makes. The
// key those calls carry is the page's one admin key (ADMIN_KEY, the shared Admin key bar): the handoff endpoints
// check the same x-admin-key as the knowledge base's, so the desk has no key of its own.
import { adminKeyHeaders } from '@suite/console/web/admin-key.tsx';
import { api, type ApiOptions } from '@suite/console/web/api.ts';

const KEY = 'chatbot.agent';

export interface Agent {
  name: string;
}

export function loadAgent(): Agent | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as
      (Agent & { adminKey?: string }) | null;
    if (!stored?.name) return undefined;
    // A tab signed in before the desk used the shared bar kept its key here too: not any more.
    if (stored.adminKey !== undefined) saveAgent({ name: stored.name });
    return { name: stored.name };
  } catch {
    return undefined;
  }
}

export function saveAgent(agent: Agent | undefined): void {
  if (agent) sessionStorage.setItem(KEY, JSON.stringify({ name: agent.name }));
  else sessionStorage.removeItem(KEY);
}

/** An admin call: the page's admin key goes in x-admin-key. */
export const adminApi = <T>(path: string, options: ApiOptions = {}) =>
  api<T>(path, { ...options, headers: { ...options.headers, ...adminKeyHeaders() } });
