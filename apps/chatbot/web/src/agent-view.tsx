// The agent's side: sign in with the admin key, pick a handoff from the queue, claim, read, reply, resolve.
import { useState } from 'preact/hooks';
import { usePolling } from '@suite/console/web/use-polling.ts';
import { adminApi, loadAgent, saveAgent, type Agent } from './agent-session.ts';
import { HandoffDetail } from './handoff-detail.tsx';
import type { Handoff } from './types.ts';

export function AgentView() {
  const [agent, setAgent] = useState<Agent | undefined>(loadAgent());
  const [selected, setSelected] = useState<number | undefined>();
  // Signed out there is no queue to read, not an empty one: an empty list kept from then would be shown as the
  // queue of an agent whose key is then refused.
  const queue = usePolling(
    async () =>
      agent
        ? (await adminApi<{ handoffs: Handoff[] }>(agent, '/api/handoffs?status=unresolved&limit=100'))
            .handoffs
        : undefined,
    5000,
    [agent],
  );
  if (!agent) return <SignIn onSignIn={(a) => (saveAgent(a), setAgent(a))} />;
  const current = queue.value?.find((h) => h.id === selected);
  return (
    <div class="columns">
      <section class="panel" aria-labelledby="queue-heading">
        <div class="row">
          <h2 id="queue-heading">Handoff queue</h2>
          <button type="button" class="secondary" onClick={() => (saveAgent(undefined), setAgent(undefined))}>
            Sign out ({agent.name})
          </button>
        </div>
        {queue.error && (
          <p class="error" role="alert">
            {queue.error}
          </p>
        )}
        {/* Only a read that succeeded may say the queue is empty; a refused one says why, and nothing else. */}
        {queue.value?.length === 0 && !queue.error && <p class="muted">Nobody is waiting.</p>}
        <ul class="plain">
          {queue.value?.map((h) => (
            <li key={h.id}>
              <button type="button" aria-pressed={h.id === selected} onClick={() => setSelected(h.id)}>
                <strong>#{h.id}</strong> <span class="badge">{h.status}</span> {h.reason}
                <br />
                <span class="muted queue-message" title={h.lastMessage}>
                  “{h.lastMessage}”
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {current ? (
        <HandoffDetail key={current.id} agent={agent} handoff={current} onChange={queue.reload} />
      ) : (
        <section class="panel">
          <p class="muted">Pick a handoff to see the conversation.</p>
        </section>
      )}
    </div>
  );
}

function SignIn({ onSignIn }: { onSignIn(agent: Agent): void }) {
  const [adminKey, setAdminKey] = useState('');
  const [name, setName] = useState('');
  return (
    <section class="panel" aria-labelledby="signin-heading">
      <h2 id="signin-heading">Agent sign-in</h2>
      <p class="muted">The admin key (ADMIN_KEY) is kept in this tab only and sent as x-admin-key.</p>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (adminKey && name.trim()) onSignIn({ adminKey, name: name.trim() });
        }}
      >
        <label>
          Admin key
          <input type="password" value={adminKey} onInput={(e) => setAdminKey(e.currentTarget.value)} />
        </label>
        <label>
          Your name
          <input value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={!adminKey || !name.trim()}>
          Sign in
        </button>
      </form>
    </section>
  );
}
