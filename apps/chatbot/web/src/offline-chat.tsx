// Offline mode: the page downloads the served classifier and knowledge base once (GET /api/edge/assistant) and
// answers in the browser with the server's own decision rules (src/edge/device-assistant.ts). Messages never
// leave the page; template answers only (no LLM, no handoff queue: asking for a person says where to go).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '@suite/console/web/api.ts';
import {
  createDeviceAssistant,
  type DeviceAssistant,
  type DeviceReply,
} from '../../src/edge/device-assistant.ts';
import type { EdgeBundle } from '../../src/edge/edge-bundle.ts';
import { fillParts } from './catalogue.ts';
import { customerLabels } from './customer-labels.ts';
import { intentTitle } from './intent-title.ts';
import { ProblemNotice } from './problem-notice.tsx';
import { useUiLocale } from './ui-locale.ts';

interface Exchange {
  key: number;
  message: string;
  answer: DeviceReply;
}

export function OfflineChat() {
  const [assistant, setAssistant] = useState<
    { device: DeviceAssistant; kb: EdgeBundle['knowledgeBase']; bytes: number } | undefined
  >();
  const [log, setLog] = useState<Exchange[]>([]);
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const input = useRef<HTMLInputElement>(null);
  // The page speaks the UI language; each answer's words (intent, badges) that answer's, as in the customer chat.
  const { language, count } = useUiLocale();
  const page = customerLabels(language);

  useEffect(() => {
    api<EdgeBundle>('/api/edge/assistant')
      .then((bundle) =>
        setAssistant({
          device: createDeviceAssistant(bundle),
          kb: bundle.knowledgeBase,
          bytes: Math.round((bundle.classifier.length * 3) / 4),
        }),
      )
      .catch((thrown: unknown) => setFailure(thrown));
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
        <h2 id="offline-heading">{page.offlineHeading}</h2>
        <p>
          {page.offlinePrivacy}
          {assistant && (
            <>
              {' '}
              {fillParts(page.offlineModel, {
                version: <code translate={false}>{assistant.device.modelVersion}</code>,
                intents: count(assistant.kb.intents.length),
                size: count(Math.round(assistant.bytes / 1024)),
              })}
            </>
          )}
        </p>
        <ProblemNotice failure={failure} language={language} audience="customer" />
      </section>
      <section class="panel" aria-labelledby="offline-chat-heading">
        <h2 id="offline-chat-heading">{page.offlineChatHeading}</h2>
        <ol
          class="messages"
          aria-live="polite"
          aria-label={page.offlineConversation}
          data-testid="offline-log"
        >
          {log.map(({ key, message, answer }) => {
            const said = customerLabels(answer.language);
            return [
              <li key={`c${key}`} class="bubble customer">
                <p>{message}</p>
              </li>,
              <li
                key={`a${key}`}
                class="bubble assistant"
                data-intent={answer.intent ?? ''}
                data-confidence={String(answer.confidence)}
                data-source={answer.source}
                lang={answer.language}
              >
                <p>{answer.reply}</p>
                <p class="meta">
                  {answer.intent ? (
                    <>
                      {said.intent}{' '}
                      <strong>{intentTitle(assistant?.kb, answer.intent, answer.language)}</strong> ·{' '}
                      {said.confidence} {Math.round(answer.confidence * 100)}%
                    </>
                  ) : (
                    said.notUnderstood
                  )}{' '}
                  <span class="badge">{said.answeredOnDevice}</span>
                  {answer.handedOff && <span class="badge bad"> {said.personOnline}</span>}
                </p>
              </li>,
            ];
          })}
        </ol>
        <form class="row" onSubmit={send}>
          <label class="grow">
            {page.offlineYourMessage}
            <input
              ref={input}
              value={text}
              maxLength={2000}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={!assistant || text.trim() === ''}>
            {page.send}
          </button>
        </form>
      </section>
    </div>
  );
}
