// Languages over real HTTP on each engine: a bilingual demo answers each message in its language, and a Chinese
// knowledge base is accepted by PUT /api/knowledge-base.
import { testEngines } from '@suite/shared/testing';
import { describe, expect, it } from 'vitest';
import { ADMIN, useChatbotHttpHost } from '../testing/http-host.ts';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import { TEST_CHATBOT_CONFIG } from '../testing/chatbot-kit.ts';

const app = useChatbotHttpHost('chatbot-languages-');
const JSON_ADMIN = { 'content-type': 'application/json', ...ADMIN };

interface Reply {
  intent: string | null;
  reply: string;
  language: string;
  outOfScope: boolean;
}
const chat = async (message: string): Promise<Reply> =>
  (await (
    await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
    })
  ).json()) as Reply;

describe.each(testEngines())('chatbot languages over HTTP on %s', (engine) => {
  const zh = getDemoKnowledgeBase(['zh']);
  const en = getDemoKnowledgeBase(['en']);
  const answer = (kb: typeof zh, id: string) => kb.intents.find((i) => i.id === id)!.answer;

  app.serveOn(engine, { config: { ...TEST_CHATBOT_CONFIG, DEMO_KNOWLEDGE_BASE: ['en', 'zh'] } });

  it('answers a Chinese message in Chinese and an English one in English from the bilingual demo', async () => {
    const chinese = await chat('我的新卡还没有到');
    expect(chinese).toMatchObject({ intent: 'card_not_arrived', language: 'zh', outOfScope: false });
    expect(chinese.reply).toBe(answer(zh, 'card_not_arrived'));
    const mixed = await chat('怎么给账户充值？用visa卡可以吗');
    expect(mixed).toMatchObject({ intent: 'top_up', language: 'zh' });
    const english = await chat('My new card still has not arrived');
    expect(english).toMatchObject({ intent: 'card_not_arrived', language: 'en' });
    expect(english.reply).toBe(answer(en, 'card_not_arrived'));
  });

  it('streams a Chinese turn with its language in the meta event and the Chinese answer', async () => {
    const res = await fetch(`${app.url}/api/chat/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: '怎么充值？' }),
    });
    const text = await res.text();
    expect(text).toMatch(/event: meta\ndata: .*"language":"zh"/);
    expect(text).toContain(JSON.stringify(answer(zh, 'top_up')).slice(1, -1));
  });

  it("puts the served multilingual demo back from its own GET, as the README's curl does", async () => {
    // The README put "the demo back" from src/kb/demo-knowledge-base.json: the English demo only, so Chinese
    // customers were answered in English from then on. Its GET's kb, saved first, is the whole demo.
    const saved = ((await (await fetch(`${app.url}/api/knowledge-base`)).json()) as { kb: unknown }).kb;
    const put = (kb: unknown) =>
      fetch(`${app.url}/api/knowledge-base`, {
        method: 'PUT',
        headers: JSON_ADMIN,
        body: JSON.stringify(kb),
      });
    expect((await put(en)).status).toBe(201);
    expect((await put(saved)).status).toBe(201);
    const served = (await (await fetch(`${app.url}/api/knowledge-base`)).json()) as {
      kb: { languages: string[] };
    };
    expect(served.kb.languages).toEqual(['en', 'zh']);
    expect(await chat('我的新卡还没有到')).toMatchObject({ intent: 'card_not_arrived', language: 'zh' });
  });

  it('accepts a Chinese knowledge base through PUT /api/knowledge-base and serves it', async () => {
    const put = await fetch(`${app.url}/api/knowledge-base`, {
      method: 'PUT',
      headers: JSON_ADMIN,
      body: JSON.stringify(zh),
    });
    expect(put.status).toBe(201);
    const served = (await (await fetch(`${app.url}/api/knowledge-base`)).json()) as {
      kb: { languages: string[] };
    };
    expect(served.kb.languages).toEqual(['zh']);
    const r = await chat('我的卡丢了，怎么办');
    expect(r).toMatchObject({ intent: 'lost_or_stolen_card', language: 'zh' });
  });
});
