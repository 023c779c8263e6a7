// The streamed variant of a chat turn: meta first, then text deltas as the LLM writes, then the recorded reply.
import { localizedIntent } from '../kb/knowledge-base.ts';
import type { Assistant } from './assistant.ts';
import {
  llmMessagesFor,
  prepareTurn,
  recordTurn,
  type ChatInput,
  type ChatReply,
  type TurnDeps,
} from './chat-turn.ts';

export type ChatStreamEvent =
  | {
      type: 'meta';
      sessionId: string;
      /** Only when this turn started the session. */
      sessionToken?: string;
      intent: string | null;
      confidence: number;
      outOfScope: boolean;
      kbEntries: Array<{ id: string; title: string }>;
      /** Language of the reply (the message's, among the knowledge base's). */
      language: string;
      /** Language the message is written in, declared or not; null when it names none. */
      messageLanguage: string | null;
    }
  | { type: 'delta'; text: string }
  /** The LLM failed mid-answer: discard the text so far; the template follows as deltas. */
  | { type: 'reset'; reason: string }
  | { type: 'done'; reply: ChatReply };

/** The same turn as a stream of events: meta first, then text deltas, then the recorded reply. */
export async function* streamTurn(
  deps: TurnDeps,
  assistant: Assistant,
  input: ChatInput,
): AsyncGenerator<ChatStreamEvent> {
  const turn = await prepareTurn(deps, assistant, input);
  const { decision } = turn;
  // Set once the turn is recorded or has failed: otherwise the consumer went away (client disconnect) and the
  // accepted message is still recorded, with the template answer, when the generator is returned early.
  let settled = false;
  try {
    yield {
      type: 'meta',
      sessionId: turn.sessionId,
      intent: decision.intent,
      confidence: decision.confidence,
      outOfScope: decision.outOfScope,
      kbEntries: decision.entries.map((e) => ({ id: e.id, title: localizedIntent(e, turn.language).title })),
      language: turn.language,
      messageLanguage: turn.messageLanguage,
    };
    const messages = llmMessagesFor(deps, turn);
    let reply = decision.reply;
    let source = decision.source;
    if (messages && deps.llm) {
      let text = '';
      try {
        for await (const delta of deps.llm.stream(messages)) {
          text += delta;
          yield { type: 'delta', text: delta };
        }
        if (text.trim() === '') throw new Error('the model returned an empty answer');
        reply = text;
        source = 'llm';
      } catch (error) {
        deps.log?.('LLM stream failed; using the template answer', error);
        if (text !== '')
          yield { type: 'reset', reason: 'the language model failed; here is the standard answer' };
        yield { type: 'delta', text: reply };
      }
    } else {
      yield { type: 'delta', text: reply };
    }
    const recorded = await recordTurn(deps, turn, reply, source);
    settled = true;
    yield { type: 'done', reply: recorded };
  } catch (error) {
    settled = true;
    throw error;
  } finally {
    if (!settled) await recordTurn(deps, turn, decision.reply, decision.source);
  }
}
