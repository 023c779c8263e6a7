// One handoff for an agent: the whole conversation, claim, reply to the customer, resolve.
import { useState } from 'preact/hooks';
import { describeError } from '@suite/console/web/api.ts';
import { usePolling } from '@suite/console/web/use-polling.ts';
import { adminApi, type Agent } from './agent-session.ts';
import { isAgentTurn } from './turns.ts';
import type { Conversation, Handoff } from './types.ts';

/** Unique enough per agent and handoff (crypto.randomUUID needs a secure context, a LAN address is not one). */
const newReplyId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export interface HandoffDetailProps {
  agent: Agent;
  handoff: Handoff;
  onChange(): void;
}

export function HandoffDetail({ agent, handoff, onChange }: HandoffDetailProps) {
  const [note, setNote] = useState('');
  const [reply, setReply] = useState('');
  // One id per reply being written: a resend after a lost answer is stored once (the API's replyId).
  const [replyId, setReplyId] = useState(newReplyId);
  const [error, setError] = useState<string | undefined>();
  const conversation = usePolling(
    () => adminApi<Conversation>(agent, `/api/conversations/${encodeURIComponent(handoff.sessionId)}`),
    3000,
    [handoff.sessionId],
  );
  const mine = handoff.status === 'claimed' && handoff.claimedBy === agent.name;
  const act = async (path: string, body: unknown) => {
    setError(undefined);
    try {
      await adminApi(agent, path, { body });
      onChange();
      conversation.reload();
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    }
  };

  return (
    <section class="panel" aria-labelledby="handoff-heading">
      <h2 id="handoff-heading">
        Handoff #{handoff.id} <span class="badge">{handoff.status}</span>
      </h2>
      <p class="muted">
        Reason: {handoff.reason} · since {new Date(handoff.createdAt).toLocaleString()}
        {handoff.claimedBy ? ` · claimed by ${handoff.claimedBy}` : ''}
      </p>
      {handoff.status === 'open' && (
        <button
          type="button"
          onClick={() => void act(`/api/handoffs/${handoff.id}/claim`, { agent: agent.name })}
        >
          Claim
        </button>
      )}
      <h3>Conversation</h3>
      {conversation.error && <p class="error">{conversation.error}</p>}
      <ol class="messages" aria-label="Whole conversation">
        {conversation.value?.turns.map((t) =>
          isAgentTurn(t) ? (
            <li key={`g${t.turn}`} class="bubble agent">
              <span class="who">{t.agent ?? 'Agent'}</span>
              <p>{t.reply}</p>
            </li>
          ) : (
            [
              <li key={`c${t.turn}`} class="bubble customer">
                <p>{t.message}</p>
              </li>,
              <li key={`a${t.turn}`} class="bubble assistant">
                <p>{t.reply}</p>
                <p class="meta">
                  {t.intent ?? 'not understood'} · {Math.round(t.confidence * 100)}% · {t.source}
                </p>
              </li>,
            ]
          ),
        )}
      </ol>
      {mine && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (reply.trim())
              void act(`/api/handoffs/${handoff.id}/reply`, {
                agent: agent.name,
                message: reply.trim(),
                replyId,
              }).then((ok) => {
                if (!ok) return;
                setReply('');
                setReplyId(newReplyId());
              });
          }}
        >
          <label class="grow">
            Reply to the customer
            <input value={reply} maxLength={2000} onInput={(e) => setReply(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={!reply.trim()}>
            Send reply
          </button>
        </form>
      )}
      {mine && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            void act(`/api/handoffs/${handoff.id}/resolve`, {
              agent: agent.name,
              note: note.trim() || undefined,
            });
          }}
        >
          <label class="grow">
            Resolution note
            <input value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button type="submit">Resolve</button>
        </form>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
