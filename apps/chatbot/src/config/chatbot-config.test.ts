import { ConfigError } from '@suite/shared/errors';
import { describe, expect, it } from 'vitest';
import { loadChatbotConfig } from './chatbot-config.ts';

describe('chatbot config', () => {
  it('serves the English, Chinese and Spanish demo merged when DEMO_KNOWLEDGE_BASE is unset', () => {
    expect(loadChatbotConfig({}).DEMO_KNOWLEDGE_BASE).toEqual(['en', 'zh', 'es']);
    expect(loadChatbotConfig({ DEMO_KNOWLEDGE_BASE: 'en' }).DEMO_KNOWLEDGE_BASE).toEqual(['en']);
    expect(loadChatbotConfig({ DEMO_KNOWLEDGE_BASE: 'zh, en' }).DEMO_KNOWLEDGE_BASE).toEqual(['zh', 'en']);
  });

  it('names DEMO_KNOWLEDGE_BASE when it asks for a demo that does not ship', () => {
    expect(() => loadChatbotConfig({ DEMO_KNOWLEDGE_BASE: 'en,fr' })).toThrow(ConfigError);
    expect(() => loadChatbotConfig({ DEMO_KNOWLEDGE_BASE: 'en,fr' })).toThrow(/DEMO_KNOWLEDGE_BASE/);
  });

  it("keeps an encoder prompt override verbatim, reads none as no prompt and empty as the folder's", () => {
    const config = loadChatbotConfig({ EMBEDDING_QUERY_PROMPT: 'query: ', EMBEDDING_PASSAGE_PROMPT: 'none' });
    expect([config.EMBEDDING_QUERY_PROMPT, config.EMBEDDING_PASSAGE_PROMPT]).toEqual(['query: ', '']);
    expect(loadChatbotConfig({ EMBEDDING_QUERY_PROMPT: '' }).EMBEDDING_QUERY_PROMPT).toBeUndefined();
    const tooLong = { EMBEDDING_PASSAGE_PROMPT: 'x'.repeat(501) };
    expect(() => loadChatbotConfig(tooLong)).toThrow(ConfigError);
    expect(() => loadChatbotConfig(tooLong)).toThrow(/EMBEDDING_PASSAGE_PROMPT/);
  });
});
