// GET /api/conversations/{id} over real HTTP on each engine: every assistant's turn carries the language it was
// answered in, so a page reloaded on a one-word Spanish turn labels it as it was live; older rows read back as null.
import { testEngines } from '@suite/shared/testing';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../nlp/language-detection.ts';
import { ADMIN, useChatbotHttpHost } from '../testing/http-host.ts';
import { TEST_CHATBOT_CONFIG } from '../testing/chatbot-kit.ts';

const app = useChatbotHttpHost('chatbot-turn-language-');

interface Conversation {
  turns: Array<{ turn: number; source: string; language: string | null; messageLanguage: string | null }>;
}
const read = async (sessionId: string, headers: Record<string, string>): Promise<Conversation> => {
  const res = await fetch(`${app.url}/api/conversations/${sessionId}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Conversation;
};

describe.each(testEngines())('the language of recorded turns over HTTP on %s', (engine) => {
  const db = app.serveOn(engine, {
    config: { ...TEST_CHATBOT_CONFIG, DEMO_KNOWLEDGE_BASE: ['en', 'zh', 'es'] },
  });

  it('serves each turn with the language it was answered in, "humano" alone as Spanish', async () => {
    // The page's own rule, without the knowledge base's vocabulary, takes the bare word for English.
    expect(detectLanguage('humano', ['en', 'zh', 'es'])).toBe('en');
    const first = await app.startConversation('¿Dónde está mi tarjeta?');
    const streamed = await fetch(`${app.url}/api/chat/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...first.token },
      body: JSON.stringify({ sessionId: first.sessionId, message: 'humano' }),
    });
    expect(await streamed.text()).toMatch(/event: done/);
    const english = await app.post(
      'chat',
      { sessionId: first.sessionId, message: 'My card has not arrived' },
      first.token,
    );
    expect(english.status).toBe(200);
    const expected = [
      { turn: 1, language: 'es' },
      { turn: 2, language: 'es' },
      { turn: 3, language: 'en' },
    ];
    expect((await read(first.sessionId, first.token)).turns).toMatchObject(expected);
    expect((await read(first.sessionId, ADMIN)).turns).toMatchObject(expected);
  });

  it('records the language a message was written in beside the one it was answered in', async () => {
    const { sessionId, token } = await app.startConversation('新卡还没收到');
    const japanese = await app.post('chat', { sessionId, message: 'カードがまだ届きません' }, token);
    expect(await japanese.json()).toMatchObject({ language: 'zh', messageLanguage: 'ja' });
    await app.post('chat', { sessionId, message: '12345678' }, token);
    expect((await read(sessionId, ADMIN)).turns).toMatchObject([
      { turn: 1, language: 'zh', messageLanguage: 'zh' },
      { turn: 2, language: 'zh', messageLanguage: 'ja' },
      { turn: 3, language: 'zh', messageLanguage: null },
    ]);
  });

  it('reads a turn recorded before languages were stored back with language null', async () => {
    const { sessionId, token } = await app.startConversation('我的新卡还没有到');
    // As a row written before migrations/007_turn_language.sql reads once the column is added.
    await db().query('UPDATE chat_turns SET language = NULL, message_language = NULL WHERE session_id = $1', [
      sessionId,
    ]);
    const { turns } = await read(sessionId, token);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ turn: 1, language: null, messageLanguage: null });
  });
});
