// The shapes the chatbot API answers with, as the console reads them.

export interface KbEntry {
  id: string;
  title: string;
}

export interface ChatReply {
  sessionId: string;
  sessionToken?: string;
  turn: number;
  reply: string;
  intent: string | null;
  confidence: number;
  outOfScope: boolean;
  source: string;
  kbEntries: KbEntry[];
  language: string;
  handedOff: boolean;
  handoffReason: string | null;
}

/** One message on the customer's page: theirs, the assistant's (streamed) or an agent's. */
export interface ChatMessage {
  key: string;
  from: 'customer' | 'assistant' | 'agent';
  text: string;
  /** Set on assistant messages once the stream's meta event arrived. */
  intent?: string | null;
  confidence?: number;
  outOfScope?: boolean;
  kbEntries?: KbEntry[];
  /** The reply's language: the meta event's, or the recorded turn's; unknown for turns recorded before it was stored. */
  language?: string;
  /** Set once the turn is recorded (the done event). */
  turn?: number;
  handedOff?: boolean;
  streaming?: boolean;
  feedback?: 'up' | 'down' | 'sent';
}

export interface Turn {
  turn: number;
  message: string;
  reply: string;
  intent: string | null;
  confidence: number;
  source: string;
  handedOff: boolean;
  /** The language the reply was answered in; null on agent replies and turns recorded before it was stored. */
  language?: string | null;
  createdAt?: string;
  /** An agent's reply (source 'agent') carries who wrote it. */
  agent?: string | null;
}

export interface Conversation {
  sessionId: string;
  turns: Turn[];
}

export interface Handoff {
  id: number;
  sessionId: string;
  reason: string;
  status: 'open' | 'claimed' | 'resolved';
  turn: number;
  lastMessage: string;
  createdAt: string;
  claimedBy: string | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
}

/** An intent as GET /api/knowledge-base serves it: title and answer in the first language, others in translations. */
export interface ServedIntent {
  id: string;
  title: string;
  examples: string[];
  followUps?: Array<{ keywords: string[]; answer: string }>;
  translations?: Record<string, { title: string; answer: string }>;
}

export interface ServedKnowledgeBase {
  kb: { name?: string; languages?: string[]; intents: ServedIntent[] };
  source: string;
  version: string | null;
}
