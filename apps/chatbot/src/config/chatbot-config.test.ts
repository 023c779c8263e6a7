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
});
