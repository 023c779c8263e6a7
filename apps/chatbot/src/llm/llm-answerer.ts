// LLM answers through the openai client (OpenAI, Azure OpenAI or any compatible server), with a hard timeout.
import OpenAI from 'openai';
import { DependencyError } from '@suite/shared/errors';
import type { ChatMessage } from './grounded-prompt.ts';

export interface LlmAnswerer {
  readonly model: string;
  /** The whole answer; rejects with DependencyError('llm') on failure or timeout. */
  complete(messages: ChatMessage[]): Promise<string>;
  /** The answer as text deltas; the iterator throws DependencyError('llm') on failure or timeout. */
  stream(messages: ChatMessage[]): AsyncIterable<string>;
}

export interface LlmOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

function asDependencyError(error: unknown, timedOut: boolean): DependencyError {
  return new DependencyError(
    timedOut ? 'the language model did not answer in time' : 'the language model request failed',
    {
      dependency: 'llm',
      cause: error,
    },
  );
}

/**
 * An answerer on one openai client. Retries are off: a slow model costs the user time, and the template
 * answer is a good fallback.
 */
export function createLlmAnswerer(options: LlmOptions): LlmAnswerer {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs,
  });
  const request = { model: options.model, temperature: 0.2, max_tokens: 300 };
  return {
    model: options.model,
    async complete(messages) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), options.timeoutMs);
      try {
        const completion = await client.chat.completions.create(
          { ...request, messages },
          { signal: abort.signal },
        );
        const text = completion.choices[0]?.message?.content?.trim();
        if (!text) throw new Error('the model returned an empty answer');
        return text;
      } catch (error) {
        throw asDependencyError(error, abort.signal.aborted);
      } finally {
        clearTimeout(timer);
      }
    },
    async *stream(messages) {
      const abort = new AbortController();
      // One budget for the whole stream, not per chunk: a trickling server cannot hold the turn open.
      const timer = setTimeout(() => abort.abort(), options.timeoutMs);
      try {
        const stream = await client.chat.completions.create(
          { ...request, messages, stream: true },
          { signal: abort.signal },
        );
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content;
          if (delta) yield delta;
        }
      } catch (error) {
        throw asDependencyError(error, abort.signal.aborted);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
