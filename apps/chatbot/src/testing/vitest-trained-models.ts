// vitest globalSetup: the folder where the first test file of a run that needs a trained demo store trains it, and
// every other one copies it from (trained-models.ts); removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    chatbotTrainedModels: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'chatbot-trained-models-'));
  project.provide('chatbotTrainedModels', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
