// The agent's credentials for this tab (sessionStorage: gone when the tab closes), and the calls they sign.
import { api, type ApiOptions } from '@suite/console/web/api.ts';

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
