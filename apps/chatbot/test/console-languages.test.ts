// The customer chat in Chromium speaks the language of its replies: labels, buttons and badges in Spanish or Chinese
// once the assistant answers in Spanish or Chinese, English before any reply and for English conversations.
import { describe, expect, it } from 'vitest';
import demoEs from '../src/kb/demo-knowledge-base.es.json' with { type: 'json' };
import { ADMIN_KEY, useChatbotConsole } from './console-kit.ts';

const { app, browser, shot } = useChatbotConsole();

describe(`the customer chat in the reply's language (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('labels a Spanish conversation in Spanish, down to the handoff and the agent who answers', async () => {
    const esAnswer = (id: string) => demoEs.intents.find((i) => i.id === id)!.answer;
    const page = await browser.newPage();
    await page.goto(app.url);
    // Before any reply the page is in English, the knowledge base's first language.
    await page.getByLabel('Your message').fill('¿Dónde está mi tarjeta?');
    await page.getByLabel('Your message').press('Enter');
    const replies = page.locator('.bubble.assistant > p:first-child');
    await expect
      .poll(() => replies.last().textContent(), { timeout: 120_000 })
      .toBe(esAnswer('card_not_arrived'));
    await expect
      .poll(() => page.getByTestId('answer-meta').last().textContent())
      .toMatch(/intención La tarjeta nueva no ha llegado · confianza \d+%/);
    const thumbsUp = page.getByRole('button', { name: 'Pulgar arriba: la respuesta era correcta' });
    await expect.poll(() => thumbsUp.count()).toBe(1);
    expect(await thumbsUp.textContent()).toMatch(/^\s*Correcta$/);
    expect(await page.getByRole('button', { name: /Thumbs/ }).count()).toBe(0);
    for (const label of ['Tu mensaje']) expect(await page.getByLabel(label).count()).toBe(1);
    for (const name of ['Enviar', 'Hablar con una persona', 'Nueva conversación'])
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Habla con nosotros' }).count()).toBe(1);

    // Wrong asks which topic was meant, the topics by their Spanish titles.
    await page.getByRole('button', { name: /Pulgar abajo/ }).click();
    const topic = page.getByLabel('¿Sobre qué preguntabas?');
    expect(await topic.locator('option', { hasText: 'Recargar la cuenta' }).count()).toBe(1);
    await topic.selectOption('card_not_arrived');
    await page.getByRole('button', { name: 'Enviar corrección' }).click();
    await expect.poll(() => page.getByText('Gracias, hemos registrado tu opinión.').count()).toBe(1);

    // "Talk to a person" asks in Spanish, so the handoff is answered in Spanish too.
    await page.getByRole('button', { name: 'Hablar con una persona' }).click();
    await expect
      .poll(() => page.getByText('pasado a una persona').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    expect(await replies.last().textContent()).toBe(esAnswer('human_agent'));
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Una persona te responderá aquí/);

    const desk = await browser.newPage();
    await desk.goto(`${app.url}/#agent`);
    await desk.getByLabel('Admin key').fill(ADMIN_KEY);
    await desk.getByLabel('Your name').fill('ana');
    await desk.getByLabel('Your name').press('Enter');
    const queued = desk.getByRole('button', { name: /Quiero hablar con una persona/ });
    await expect.poll(() => queued.count(), { timeout: 30_000 }).toBe(1);
    await queued.click();
    await desk.getByRole('button', { name: 'Claim' }).click();
    await desk.getByLabel('Reply to the customer').fill('Tu tarjeta salió ayer.');
    await desk.getByRole('button', { name: 'Send reply' }).click();
    const agent = page.locator('.bubble.agent');
    await expect.poll(() => agent.textContent(), { timeout: 30_000 }).toContain('Tu tarjeta salió ayer.');
    expect(await agent.locator('.who').textContent()).toBe('Agente');
    await shot('customer-spanish-labels', page);

    // A new conversation starts in English again.
    await page.getByRole('button', { name: 'Nueva conversación' }).click();
    await expect.poll(() => page.getByLabel('Your message').count()).toBe(1);
    expect({ customer: browser.errorsOf(page), desk: browser.errorsOf(desk) }).toEqual({
      customer: [],
      desk: [],
    });
    await desk.close();
    await page.close();
  }, 240_000);

  it('labels a reloaded one-word Spanish conversation in Spanish, as it was live', async () => {
    // The page's own rule, without the knowledge base's vocabulary, takes a bare "humano" for English: after a
    // reload the labels follow the language the server recorded with the turn.
    const spanishLabels = async (page: Awaited<ReturnType<typeof browser.newPage>>) => {
      await expect
        .poll(() => page.getByRole('status').textContent(), { timeout: 60_000 })
        .toMatch(/Una persona te responderá aquí/);
      expect(await page.getByLabel('Tu mensaje').count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Habla con nosotros' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Nueva conversación', exact: true }).count()).toBe(1);
      expect(await page.getByLabel('Your message').count()).toBe(0);
    };
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByLabel('Your message').fill('humano');
    await page.getByLabel('Your message').press('Enter');
    const replies = page.locator('.bubble.assistant > p:first-child');
    const handoff = demoEs.intents.find((i) => i.id === 'human_agent')!.answer;
    await expect.poll(() => replies.last().textContent(), { timeout: 120_000 }).toBe(handoff);
    await spanishLabels(page);

    await page.reload();
    await expect.poll(() => replies.last().textContent(), { timeout: 30_000 }).toBe(handoff);
    await spanishLabels(page);
    await shot('customer-spanish-reloaded', page);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  }, 240_000);

  it('labels a Chinese conversation in Chinese and keeps an English one in English', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByLabel('Your message').fill('我的新卡还没有到');
    await page.getByLabel('Your message').press('Enter');
    await expect
      .poll(() => page.getByTestId('answer-meta').last().textContent(), { timeout: 120_000 })
      .toMatch(/意图 新卡还没收到 · 置信度 \d+%/);
    expect(await page.getByRole('button', { name: '赞：回答正确' }).textContent()).toMatch(/^\s*正确$/);
    expect(await page.getByRole('button', { name: /Thumbs/ }).count()).toBe(0);
    expect(await page.getByLabel('您的消息').count()).toBe(1);
    expect(await page.getByRole('button', { name: '转人工客服', exact: true }).count()).toBe(1);
    await shot('customer-chinese-labels', page);

    await page.getByRole('button', { name: '新对话' }).click();
    await page.getByLabel('Your message').fill('My new card still has not arrived');
    await page.getByLabel('Your message').press('Enter');
    await expect
      .poll(() => page.getByTestId('answer-meta').last().textContent(), { timeout: 60_000 })
      .toMatch(/intent New card has not arrived · confidence \d+%/);
    // The meta line comes with the stream's first event, the thumbs once the turn is stored (its last): wait.
    await expect
      .poll(() => page.getByRole('button', { name: /Thumbs up/ }).count(), { timeout: 30_000 })
      .toBe(1);
    expect(await page.getByRole('button', { name: 'Talk to a person' }).count()).toBe(1);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  }, 180_000);
});
