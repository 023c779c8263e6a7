// Offline mode: the page downloads the served classifier and knowledge base once (GET /api/edge/assistant) and
// answers in the browser with the server's own decision rules (src/edge/device-assistant.ts). Messages never
// leave the page; template answers only (no LLM, no handoff queue: asking for a person says where to go).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError } from '@suite/console/web/api.ts';
import {
  createDeviceAssistant,
  type DeviceAssistant,
  type DeviceReply,
} from '../../src/edge/device-assistant.ts';
import type { EdgeBundle } from '../../src/edge/edge-bundle.ts';
import { customerLabels } from './customer-labels.ts';

interface Exchange {
  key: number;
  message: string;
  answer: DeviceReply;
}

export function OfflineChat() {
  const [assistant, setAssistant] = useState<
    { device: DeviceAssistant; kb: number; bytes: number } | undefined
  >();
  const [log, setLog] = useState<Exchange[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api<EdgeBundle>('/api/edge/assistant')
      .then((bundle) =>
        setAssistant({
          device: createDeviceAssistant(bundle),
          kb: bundle.knowledgeBase.intents.length,
          bytes: Math.round((bundle.classifier.length * 3) / 4),
        }),
      )
      .catch((failure: unknown) => setError(describeError(failure)));
  }, []);

  function send(event: Event) {
    event.preventDefault();
    const message = text.trim();
    if (!assistant || !message) return;
    setLog((all) => [...all, { key: all.length, message, answer: assistant.device.answer(message) }]);
    setText('');
    input.current?.focus();
  }

  return (
    <div class="stack">
      <section class="panel" aria-labelledby="offline-heading">
        <h2 id="offline-heading">Offline mode</h2>
        <p>
          Answers are computed in this browser: what you type never leaves the page.
          {assistant && (
            <>
              {' '}
              Model <code>{assistant.device.modelVersion}</code> ({assistant.kb} intents,{' '}
              {(assistant.bytes / 1024).toFixed(0)} KB classifier) was downloaded once.
            </>
          )}
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </section>
      <section class="panel" aria-labelledby="offline-chat-heading">
        <h2 id="offline-chat-heading">Chat on this device</h2>
        <ol
          class="messages"
          aria-live="polite"
          aria-label="Conversation on this device"
          data-testid="offline-log"
        >
          {log.map(({ key, message, answer }) => [
            <li key={`c${key}`} class="bubble customer">
              <p>{message}</p>
            </li>,
            <li
              key={`a${key}`}
              class="bubble assistant"
              data-intent={answer.intent ?? ''}
              data-confidence={String(answer.confidence)}
              data-source={answer.source}
            >
              <p>{answer.reply}</p>
              <p class="meta">
                {answer.intent ? (
                  <>
                    {customerLabels(answer.language).intent} <strong>{answer.intent}</strong> ·{' '}
                    {customerLabels(answer.language).confidence} {Math.round(answer.confidence * 100)}%
                  </>
                ) : (
                  customerLabels(answer.language).notUnderstood
                )}{' '}
                <span class="badge">answered on this device</span>
                {answer.handedOff && (
                  <span class="badge bad"> a person can take over in the online chat (Customer chat)</span>
                )}
              </p>
            </li>,
          ])}
        </ol>
        <form class="row" onSubmit={send}>
          <label class="grow">
            Your message (offline)
            <input
              ref={input}
              value={text}
              maxLength={2000}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={!assistant || text.trim() === ''}>
            Send
          </button>
        </form>
      </section>
    </div>
  );
}
