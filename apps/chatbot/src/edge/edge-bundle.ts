// What the console's offline mode downloads (GET /api/edge/assistant): the served knowledge base and intent
// classifier (its binary artifact, base64) with the version that serves them and the handoff rule's setting.
import type { KnowledgeBase } from '../kb/knowledge-base.ts';

export interface EdgeBundle {
  modelVersion: string;
  handoffAfterLowTurns: number;
  knowledgeBase: KnowledgeBase;
  /** The classifier artifact (classifier-artifact.ts), base64. */
  classifier: string;
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 0x8000)));
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
