// Knowledge-base helpers that need Node: reading a file (KNOWLEDGE_BASE_FILE) and the content hash.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ValidationError } from '@suite/shared/errors';
import { parseKnowledgeBase, type KnowledgeBase } from './knowledge-base.ts';

/** Reads and validates a knowledge base JSON file (env KNOWLEDGE_BASE_FILE). */
export async function loadKnowledgeBaseFile(path: string): Promise<KnowledgeBase> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ValidationError(
      `knowledge base file ${path} is not readable JSON`,
      [{ path: 'KNOWLEDGE_BASE_FILE', message: String(error) }],
      error,
    );
  }
  return parseKnowledgeBase(raw);
}

// Per knowledge-base object, which is never changed once parsed: the served one is hashed once, not on every chat
// and training (its JSON is the whole knowledge base, ~1 ms for the demo).
const hashes = new WeakMap<KnowledgeBase, string>();

/** Content hash: a classifier records the one it was trained on, so a changed knowledge base triggers a retrain. */
export function knowledgeBaseHash(kb: KnowledgeBase): string {
  let hash = hashes.get(kb);
  if (hash === undefined) {
    hash = createHash('sha256').update(JSON.stringify(kb)).digest('hex').slice(0, 16);
    hashes.set(kb, hash);
  }
  return hash;
}
