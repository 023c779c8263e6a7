// Recorded turns (GET /api/conversations/{id}) as the chat's messages, agent replies included.
import type { ChatMessage, Turn } from './types.ts';

/** An agent's message: POST /api/handoffs/{id}/reply stores it as a turn with source 'agent'. */
export const isAgentTurn = (turn: Turn): boolean => turn.source === 'agent';

/** Each customer turn becomes the customer's message and the assistant's answer; an agent turn its reply. */
export function fromTurns(turns: Turn[]): ChatMessage[] {
  return turns.flatMap((t): ChatMessage[] =>
    isAgentTurn(t)
      ? [{ key: `agent-${t.turn}`, from: 'agent', text: t.reply }]
      : [
          { key: `c-${t.turn}`, from: 'customer', text: t.message },
          {
            key: `a-${t.turn}`,
            from: 'assistant',
            text: t.reply,
            intent: t.intent,
            confidence: t.confidence,
            turn: t.turn,
            handedOff: t.handedOff,
            language: t.language ?? undefined,
          },
        ],
  );
}
