// One message of the customer chat; an assistant answer shows its intent, confidence, choices and feedback.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CustomerLabels } from './customer-labels.ts';
import { didYouMean } from './did-you-mean.ts';
import type { ChatMessage, KbEntry } from './types.ts';

// Material Design's thumb_up outline (Apache-2.0): an SVG, since headless and kiosk machines often lack emoji fonts.
const THUMB =
  'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z';

function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" class={down ? 'thumb down' : 'thumb'}>
      <path d={THUMB} fill="currentColor" />
    </svg>
  );
}

export interface MessageBubbleProps {
  message: ChatMessage;
  /** The chat's words in this message's language (an agent's: the conversation's). */
  labels: CustomerLabels;
  /** The knowledge base's topics, titled in this message's language (the answer's intent is shown by its title). */
  intents: KbEntry[];
  onChoose(text: string): void;
  onFeedback(message: ChatMessage, intent: string): Promise<void>;
}

export function MessageBubble({ message, labels, intents, onChoose, onFeedback }: MessageBubbleProps) {
  const [correcting, setCorrecting] = useState(false);
  const [choice, setChoice] = useState('');
  const topics = useRef<HTMLSelectElement>(null);
  // "Wrong" goes away as the question replacing it appears: the keyboard follows to that question, not to the page.
  useEffect(() => {
    if (correcting) topics.current?.focus();
  }, [correcting]);
  if (message.from !== 'assistant')
    return (
      <li class={`bubble ${message.from}`}>
        {message.from === 'agent' && <span class="who">{labels.agent}</span>}
        <p>{message.text}</p>
      </li>
    );
  const choices = didYouMean(message);
  // A customer reads the topic's title; an intent the knowledge base no longer holds shows its id.
  const intentTitle = intents.find((i) => i.id === message.intent)?.title ?? message.intent;
  const canRate = message.turn !== undefined && message.feedback === undefined && message.intent;
  return (
    <li class="bubble assistant" aria-busy={message.streaming ? 'true' : 'false'}>
      <p>{message.text || (message.streaming ? '…' : '')}</p>
      {message.intent !== undefined && (
        <p class="meta" data-testid="answer-meta">
          {message.intent ? (
            <>
              {labels.intent} <strong data-intent={message.intent}>{intentTitle}</strong> ·{' '}
              {labels.confidence} {Math.round((message.confidence ?? 0) * 100)}%
            </>
          ) : (
            labels.notUnderstood
          )}
          {message.handedOff && <span class="badge bad"> {labels.handedOff}</span>}
        </p>
      )}
      {choices.length > 0 && (
        <div class="row" role="group" aria-label={labels.didYouMean}>
          <span class="muted">{labels.didYouMeanLead}</span>
          {choices.map((entry) => (
            <button type="button" class="secondary" key={entry.id} onClick={() => onChoose(entry.title)}>
              {entry.title}
            </button>
          ))}
        </div>
      )}
      {canRate && !correcting && (
        <div class="row" role="group" aria-label={labels.wasItRight}>
          <button
            type="button"
            class="secondary"
            aria-label={labels.rightLabel}
            onClick={() => void onFeedback(message, message.intent!)}
          >
            <Thumb /> {labels.right}
          </button>
          <button
            type="button"
            class="secondary"
            aria-label={labels.wrongLabel}
            onClick={() => setCorrecting(true)}
          >
            <Thumb down /> {labels.wrong}
          </button>
        </div>
      )}
      {correcting && message.feedback === undefined && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) void onFeedback(message, choice).then(() => setCorrecting(false));
          }}
        >
          <label>
            {labels.whatWereYouAsking}
            <select ref={topics} value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
              <option value="">{labels.choose}</option>
              {intents.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!choice}>
            {labels.sendCorrection}
          </button>
        </form>
      )}
      {message.feedback === 'sent' && <p class="meta good">{labels.feedbackRecorded}</p>}
    </li>
  );
}
