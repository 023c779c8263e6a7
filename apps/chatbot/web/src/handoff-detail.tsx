// One handoff for an agent: the whole conversation, claim, reply to the customer, resolve.
import { useEffect, useRef, useState } from 'preact/hooks';
import { usePolling } from '@suite/console/web/use-polling.ts';
import { adminApi, type Agent } from './agent-session.ts';
import { fill } from './catalogue.ts';
import { intentTitle } from './intent-title.ts';
import { ProblemNotice } from './problem-notice.tsx';
import { isAgentTurn } from './turns.ts';
import type { Conversation, Handoff, ServedKnowledgeBase } from './types.ts';
import { useUiLocale } from './ui-locale.ts';

/** Unique enough per agent and handoff (crypto.randomUUID needs a secure context, a LAN address is not one). */
const newReplyId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export interface HandoffDetailProps {
  agent: Agent;
  handoff: Handoff;
  /** The served knowledge base, for its intents' titles (ids are shown until it arrives). */
  kb: ServedKnowledgeBase['kb'] | undefined;
  onChange(): void;
  /** After the agent resolved it here: the handoff leaves the queue, and this panel with it. */
  onResolved(): void;
}

export function HandoffDetail({ agent, handoff, kb, onChange, onResolved }: HandoffDetailProps) {
  const { t, word, dateTime, percent, language } = useUiLocale();
  const [note, setNote] = useState('');
  const [reply, setReply] = useState('');
  // One id per reply being written: a resend after a lost answer is stored once (the API's replyId).
  const [replyId, setReplyId] = useState(newReplyId);
  const [failure, setFailure] = useState<unknown>();
  const conversation = usePolling(
    () => adminApi<Conversation>(`/api/conversations/${encodeURIComponent(handoff.sessionId)}`),
    3000,
    [handoff.sessionId],
  );
  const mine = handoff.status === 'claimed' && handoff.claimedBy === agent.name;
  const replyField = useRef<HTMLInputElement>(null);
  const claimedHere = useRef(false);
  // "Claim" goes away once the handoff is the agent's: the keyboard moves on to the reply it was claimed for.
  useEffect(() => {
    if (!mine || !claimedHere.current) return;
    claimedHere.current = false;
    replyField.current?.focus();
  }, [mine]);
  const act = async (path: string, body: unknown) => {
    setFailure(undefined);
    try {
      await adminApi(path, { body });
      onChange();
      conversation.reload();
      return true;
    } catch (thrown) {
      setFailure(thrown);
      return false;
    }
  };

  return (
    <section class="panel" aria-labelledby="handoff-heading">
      <h2 id="handoff-heading">
        {fill(t.handoffHeading, { id: handoff.id })}{' '}
        <span class="badge">{word('handoffStatus', handoff.status)}</span>
      </h2>
      <p class="muted">
        {[
          fill(t.handoffReason, { reason: word('handoffReason', handoff.reason) }),
          fill(t.handoffSince, { time: dateTime(handoff.createdAt) }),
          ...(handoff.claimedBy ? [fill(t.claimedBy, { agent: handoff.claimedBy })] : []),
        ].join(' · ')}
      </p>
      {handoff.status === 'open' && (
        <button
          type="button"
          onClick={() => {
            claimedHere.current = true;
            void act(`/api/handoffs/${handoff.id}/claim`, { agent: agent.name }).then((ok) => {
              if (!ok) claimedHere.current = false;
            });
          }}
        >
          {t.claim}
        </button>
      )}
      <h3>{t.conversationHeading}</h3>
      <ProblemNotice failure={conversation.failure} language={language} audience="staff" />
      <ol class="messages" aria-label={t.wholeConversation}>
        {conversation.value?.turns.map((turn) =>
          isAgentTurn(turn) ? (
            <li key={`g${turn.turn}`} class="bubble agent">
              <span class="who" translate={turn.agent ? false : undefined}>
                {turn.agent ?? t.agent}
              </span>
              <p translate={false}>{turn.reply}</p>
            </li>
          ) : (
            [
              <li key={`c${turn.turn}`} class="bubble customer">
                <p translate={false} lang={turn.language ?? undefined}>
                  {turn.message}
                </p>
              </li>,
              <li key={`a${turn.turn}`} class="bubble assistant">
                <p translate={false} lang={turn.language ?? undefined}>
                  {turn.reply}
                </p>
                <p class="meta">
                  {turn.intent ? (
                    <span translate={false} title={turn.intent} data-intent={turn.intent}>
                      {intentTitle(kb, turn.intent, language)}
                    </span>
                  ) : (
                    t.notUnderstood
                  )}{' '}
                  · {percent(turn.confidence)} · {word('turnSource', turn.source)}
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
            {t.replyToCustomer}
            <input
              ref={replyField}
              value={reply}
              maxLength={2000}
              onInput={(e) => setReply(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={!reply.trim()}>
            {t.sendReply}
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
            }).then((ok) => ok && onResolved());
          }}
        >
          <label class="grow">
            {t.resolutionNote}
            <input value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button type="submit">{t.resolve}</button>
        </form>
      )}
      <ProblemNotice failure={failure} language={language} audience="staff" />
    </section>
  );
}
