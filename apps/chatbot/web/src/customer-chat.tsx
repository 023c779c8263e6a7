// The customer's chat: streamed answers, choices, feedback, "talk to a person", and agent replies while handed off.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, tryApi } from '@suite/console/web/api.ts';
import { loadSession, saveSession, sessionHeaders, streamTurn, type Session } from './chat-session.ts';
import { catalogueLanguage } from './catalogue.ts';
import { customerLabels } from './customer-labels.ts';
import { intentsTitledIn } from './intent-title.ts';
import { messageLanguages } from './message-languages.ts';
import { useAllCommonWords } from './all-common-words.ts';
import { ExampleSuggestions } from './example-suggestions.tsx';
import { MessageBubble } from './message-bubble.tsx';
import { ProblemNotice } from './problem-notice.tsx';
import { fromTurns, isAgentTurn } from './turns.ts';
import type { ChatMessage, Conversation, ServedKnowledgeBase } from './types.ts';
import { useUiLocale } from './ui-locale.ts';

const AGENT_POLL_MS = 3000;

export function CustomerChat() {
  const [session, setSession] = useState<Session | undefined>(loadSession());
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [kb, setKb] = useState<ServedKnowledgeBase['kb'] | undefined>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const input = useRef<HTMLInputElement>(null);
  // Said by the latest answer: an agent who resolves the handoff hands the conversation back to the assistant.
  const handedOff = messages.findLast((m) => m.from === 'assistant' && !m.streaming)?.handedOff === true;
  // The page speaks the language of the latest answer; before any, the UI language (the browser's, or the one
  // picked in the top bar), English if the console has no words in it.
  const fallback = catalogueLanguage(useUiLocale().language) ?? 'en';
  const commonWords = useAllCommonWords(kb?.languages ?? []);
  const detected = messageLanguages(messages, kb?.languages ?? [], commonWords);
  const pageLanguage = detected.findLast((l) => l !== undefined) ?? fallback;
  const languages = detected.map((l) => l ?? fallback);
  const labels = customerLabels(pageLanguage);

  useEffect(() => {
    api<ServedKnowledgeBase>('/api/knowledge-base')
      .then((served) => setKb(served.kb))
      .catch((thrown: unknown) => setFailure(thrown));
    // A reload keeps the conversation: this tab still holds the session's token.
    if (session)
      api<Conversation>(`/api/conversations/${encodeURIComponent(session.id)}`, {
        headers: sessionHeaders(session),
      })
        .then((conversation) => setMessages(fromTurns(conversation.turns)))
        .catch(() => startOver());
  }, []);

  // While a person has the conversation, their replies (stored as turns) are fetched every few seconds.
  useEffect(() => {
    if (!session || !handedOff) return;
    const timer = setInterval(async () => {
      const conversation = await tryApi<Conversation>(
        `/api/conversations/${encodeURIComponent(session.id)}`,
        {
          headers: sessionHeaders(session),
        },
      ).catch(() => undefined);
      const fresh = (conversation?.turns ?? []).filter(isAgentTurn);
      if (fresh.length === 0) return;
      setMessages((shown) => {
        const known = new Set(shown.map((m) => m.key));
        const added = fromTurns(fresh).filter((m) => !known.has(m.key));
        return added.length > 0 ? [...shown, ...added] : shown;
      });
    }, AGENT_POLL_MS);
    return () => clearInterval(timer);
  }, [session, handedOff]);

  function startOver() {
    saveSession(undefined);
    setSession(undefined);
    setMessages([]);
  }

  const update = (key: string, change: Partial<ChatMessage>) =>
    setMessages((all) => all.map((m) => (m.key === key ? { ...m, ...change } : m)));

  async function send(message: string) {
    const trimmed = message.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    setFailure(undefined);
    setText('');
    const key = `a-${Date.now()}`;
    const asked = `c-${Date.now()}`;
    setMessages((all) => [
      ...all,
      { key: asked, from: 'customer', text: trimmed },
      { key, from: 'assistant', text: '', streaming: true },
    ]);
    // The server has the message once its answer's meta arrives (it records the turn even if the stream breaks).
    let accepted = false;
    try {
      let answer = '';
      const next = await streamTurn(session, trimmed, {
        meta: (meta) => {
          accepted = true;
          update(key, { ...meta });
        },
        delta: (piece) => update(key, { text: (answer += piece) }),
        reset: () => update(key, { text: (answer = '') }),
        done: (reply) =>
          update(key, { text: reply.reply, turn: reply.turn, handedOff: reply.handedOff, streaming: false }),
      });
      if (next && next !== session) {
        saveSession(next);
        setSession(next);
      }
    } catch (thrown) {
      setFailure(thrown);
      // A message refused outright was not sent: it goes back into the field to be sent again, not left in the
      // conversation as if it had been.
      setMessages((all) => all.filter((m) => m.key !== key && (accepted || m.key !== asked)));
      if (!accepted) setText((typed) => typed || trimmed);
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  }

  async function sendFeedback(message: ChatMessage, intent: string) {
    if (!session || message.turn === undefined) return;
    try {
      await api('/api/feedback', {
        body: { sessionId: session.id, turn: message.turn, intent },
        headers: sessionHeaders(session),
      });
      update(message.key, { feedback: 'sent' });
    } catch (thrown) {
      setFailure(thrown);
    }
  }

  return (
    <section class="panel chat" aria-labelledby="chat-heading" lang={catalogueLanguage(pageLanguage) ?? 'en'}>
      <div class="row">
        <h2 id="chat-heading">{labels.heading}</h2>
        <button type="button" class="secondary" onClick={startOver} disabled={busy}>
          {labels.newConversation}
        </button>
      </div>
      <ol class="messages" aria-live="polite" aria-label={labels.conversation}>
        {messages.length === 0 && kb && (
          <ExampleSuggestions kb={kb} labels={labels} language={pageLanguage} onChoose={send} />
        )}
        {messages.map((m, i) => (
          <MessageBubble
            key={m.key}
            message={m}
            labels={customerLabels(languages[i])}
            intents={intentsTitledIn(kb, languages[i])}
            onChoose={send}
            onFeedback={sendFeedback}
          />
        ))}
      </ol>
      {handedOff && (
        <p class="muted" role="status">
          {labels.personWillAnswer}
        </p>
      )}
      <ProblemNotice failure={failure} language={pageLanguage} audience="customer" />
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void send(text);
        }}
      >
        <label class="grow">
          {labels.yourMessage}
          <input
            ref={input}
            value={text}
            maxLength={2000}
            onInput={(e) => setText(e.currentTarget.value)}
            autoFocus
          />
        </label>
        <button type="submit" disabled={busy || !text.trim()}>
          {labels.send}
        </button>
        {/* Once a person has the conversation, asking for one again would only add a turn. */}
        {!handedOff && (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => void send(labels.handoffMessage)}
          >
            {labels.talkToPerson}
          </button>
        )}
      </form>
    </section>
  );
}
