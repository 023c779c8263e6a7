// The agent's side: say who you are (the admin key is the page's, in the Admin key bar), pick a handoff from the
// queue, claim, read, reply, resolve.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useAdminKey } from '@suite/console/web/admin-key.tsx';
import { api } from '@suite/console/web/api.ts';
import { usePolling } from '@suite/console/web/use-polling.ts';
import { adminApi, loadAgent, saveAgent, type Agent } from './agent-session.ts';
import { fill } from './catalogue.ts';
import { HandoffDetail } from './handoff-detail.tsx';
import { ProblemNotice } from './problem-notice.tsx';
import type { Handoff, ServedKnowledgeBase } from './types.ts';
import { useUiLocale } from './ui-locale.ts';

export function AgentView() {
  const { t, word, language } = useUiLocale();
  const [agent, setAgent] = useState<Agent | undefined>(loadAgent());
  const adminKey = useAdminKey();
  const [selected, setSelected] = useState<number | undefined>();
  // Signed out, or without a key, there is no queue to read, not an empty one: an empty list kept from then would
  // be shown as the queue of an agent whose key is then refused.
  const queue = usePolling(
    async () =>
      agent && adminKey
        ? (await adminApi<{ handoffs: Handoff[] }>('/api/handoffs?status=unresolved&limit=100')).handoffs
        : undefined,
    5000,
    [agent, adminKey],
  );
  // The intents' titles for the conversations (public, read once).
  const kb = usePolling(() => api<ServedKnowledgeBase>('/api/knowledge-base'), 0, []);
  // "Resolve" goes away with its handoff: the keyboard moves on to the handoff that followed it in the queue (the
  // one before it when it was the last), or to the status saying it was resolved when nobody else is waiting.
  const [resolved, setResolved] = useState<{ id: number; index: number }>();
  const entries = useRef(new Map<number, HTMLButtonElement>());
  const status = useRef<HTMLParagraphElement>(null);
  const moveOn = useRef(false);
  useEffect(() => {
    if (!moveOn.current || !resolved || !queue.value || queue.value.some((h) => h.id === resolved.id)) return;
    moveOn.current = false;
    const next = queue.value[resolved.index] ?? queue.value[resolved.index - 1];
    (next ? entries.current.get(next.id) : status.current)?.focus();
  }, [queue.value, resolved]);
  const pick = (id: number) => {
    setSelected(id);
    setResolved(undefined);
  };
  if (!agent) return <SignIn onSignIn={(a) => (saveAgent(a), setAgent(a))} />;
  const current = queue.value?.find((h) => h.id === selected);
  return (
    <div class="columns">
      <section class="panel" aria-labelledby="queue-heading">
        <div class="row">
          <h2 id="queue-heading">{t.queueHeading}</h2>
          <button type="button" class="secondary" onClick={() => (saveAgent(undefined), setAgent(undefined))}>
            {fill(t.signOut, { agent: agent.name })}
          </button>
        </div>
        {!adminKey && <p class="muted">{t.enterAdminKey}</p>}
        <ProblemNotice failure={queue.failure} language={language} audience="staff" />
        <p role="status" tabIndex={-1} ref={status}>
          {resolved && fill(t.handoffResolved, { id: resolved.id })}
        </p>
        {/* Only a read that succeeded may say the queue is empty; a refused one says why, and nothing else. */}
        {queue.value?.length === 0 && !queue.failure && <p class="muted">{t.nobodyWaiting}</p>}
        <ul class="plain">
          {queue.value?.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                aria-pressed={h.id === selected}
                ref={(el) => void (el ? entries.current.set(h.id, el) : entries.current.delete(h.id))}
                onClick={() => pick(h.id)}
              >
                <strong>#{h.id}</strong> <span class="badge">{word('handoffStatus', h.status)}</span>{' '}
                {word('handoffReason', h.reason)}
                <br />
                <span class="muted queue-message" title={h.lastMessage} translate={false}>
                  “{h.lastMessage}”
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {current ? (
        <HandoffDetail
          key={current.id}
          agent={agent}
          handoff={current}
          kb={kb.value?.kb}
          onChange={queue.reload}
          onResolved={() => {
            moveOn.current = true;
            setResolved({ id: current.id, index: queue.value?.indexOf(current) ?? 0 });
          }}
        />
      ) : (
        <section class="panel">
          <p class="muted">{t.pickHandoff}</p>
        </section>
      )}
    </div>
  );
}

function SignIn({ onSignIn }: { onSignIn(agent: Agent): void }) {
  const { t } = useUiLocale();
  const [name, setName] = useState('');
  return (
    <section class="panel" aria-labelledby="signin-heading">
      <h2 id="signin-heading">{t.signInHeading}</h2>
      <p class="muted">{t.signInHint}</p>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onSignIn({ name: name.trim() });
        }}
      >
        <label>
          {t.yourName}
          <input value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={!name.trim()}>
          {t.signIn}
        </button>
      </form>
    </section>
  );
}
