// What a Chinese or Spanish user reads in Chromium where the API answers with codes: an answer's intent by its title
// in the page's language (customer chat, offline chat, agent desk, feedback review), never its bare id; and a refused
// or failed call in the page's words (401, 400, 413, no answer), the API's English problem details in small text.
import { describe, expect, it } from 'vitest';
import { outsideTheirPanels, sidewaysOverflow } from '@suite/console/testing';
import { ADMIN_KEY, useChatbotConsole } from './console-kit.ts';

const { app, browser, shot, post } = useChatbotConsole({
  browser: { locale: 'zh-CN' },
});

describe(`the console's words for intents and failures (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it("shows an answer's intent by its title in the page's language, on the customer's and the staff's pages", async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByLabel('您的消息').fill('我的新卡还没有到');
    await page.getByLabel('您的消息').press('Enter');
    const meta = page.getByTestId('answer-meta').first();
    // The first answer trains the classifier first: slow on a loaded machine.
    await expect
      .poll(() => meta.textContent(), { timeout: 120_000 })
      .toMatch(/^意图 新卡还没收到 · 置信度 \d+%$/);
    expect(await meta.locator('[data-intent]').getAttribute('data-intent')).toBe('card_not_arrived');
    await shot('customer-title-zh', page);

    // The offline chat: the same title, from the downloaded knowledge base.
    await page.goto(`${app.url}/#offline`);
    await page.getByLabel('您的消息（离线）').fill('我的新卡还没有到', { timeout: 60_000 });
    await expect
      .poll(() => page.getByRole('button', { name: '发送' }).isEnabled(), { timeout: 60_000 })
      .toBe(true);
    await page.getByRole('button', { name: '发送' }).click();
    await expect
      .poll(() => page.getByTestId('offline-log').locator('.bubble.assistant .meta').textContent())
      .toMatch(/^意图 新卡还没收到 · 置信度 \d+% 由本设备回答$/);

    // The agent desk: the conversation's intents by title, the id kept in the title attribute.
    const first = await post<{ sessionId: string; sessionToken: string }>('/api/chat', {
      message: '我的新卡还没有到',
    });
    await post(
      '/api/chat',
      { sessionId: first.sessionId, message: '我想转人工客服' },
      { 'x-session-token': first.sessionToken },
    );
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 860 });
      await page.goto(`${app.url}/#agent`);
      if (width === 1280) {
        await page.getByLabel('管理员密钥').fill(ADMIN_KEY);
        await page.getByLabel('您的姓名').fill('小王');
        await page.getByRole('button', { name: '登录', exact: true }).click();
      }
      const queued = page.getByRole('button', { name: /我想转人工客服/ });
      await expect.poll(() => queued.count(), { timeout: 30_000 }).toBe(1);
      await queued.click();
      const intent = page
        .getByRole('list', { name: '完整对话记录' })
        .locator('[data-intent="card_not_arrived"]');
      await expect.poll(() => intent.textContent(), { timeout: 30_000 }).toBe('新卡还没收到');
      expect(await intent.getAttribute('title')).toBe('card_not_arrived');
      expect(await sidewaysOverflow(page)).toBe(0);
      await shot(`agent-title-zh-${width}`, page);
    }

    // The feedback review: the suggested intent by its title, its id below it.
    await post(
      '/api/feedback',
      { sessionId: first.sessionId, turn: 1, intent: 'lost_or_stolen_card' },
      { 'x-session-token': first.sessionToken },
    );
    await page.goto(`${app.url}/#kb`);
    await page.getByRole('button', { name: '显示待审核反馈' }).click();
    const row = page.getByTestId('pending-feedback').getByRole('row', { name: /我的新卡还没有到/ });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toBe('新卡还没收到card_not_arrived');
    expect(await row.locator('td').nth(2).textContent()).toBe('银行卡丢失或被盗lost_or_stolen_card');
    expect(await outsideTheirPanels(page)).toEqual([]);
    await shot('feedback-title-zh-390', page);
    await page.setViewportSize({ width: 1280, height: 860 });
    await row.getByRole('button', { name: '通过' }).click();
    await expect
      .poll(() => page.getByTestId('feedback-status').textContent(), { timeout: 30_000 })
      .toMatch(/^已通过 #\d+（银行卡丢失或被盗）：将用于下次重新训练。$/);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  }, 240_000);

  it("says a refused or failed call in the page's language, with the API's details in small text", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#kb`);
    await expect
      .poll(() => page.getByTestId('intents').textContent(), { timeout: 30_000 })
      .toContain('card_not_arrived');
    // 401: a wrong admin key.
    await page.getByLabel('管理员密钥').fill('not-the-admin-key');
    await page.getByRole('button', { name: '重新训练', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent(), { timeout: 30_000 })
      .toMatch(/^管理员密钥缺失或不正确：请在上方的管理员密钥栏中输入。/);
    expect(await alert.getByTestId('problem-detail').textContent()).toMatch(
      /^401 Unauthorized: The x-admin-key header does not match the admin key\.$/,
    );
    expect(await alert.getByTestId('problem-detail').getAttribute('lang')).toBe('en');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 860 });
      expect(await sidewaysOverflow(page)).toBe(0);
      await shot(`problem-401-zh-${width}`, page);
    }
    await page.setViewportSize({ width: 1280, height: 860 });
    // 400: a knowledge base the server refuses.
    await page.getByLabel('管理员密钥').fill(ADMIN_KEY);
    await page.getByLabel('知识库（JSON）').fill('{"intents": []}');
    await page.getByRole('button', { name: '保存并重新训练' }).click();
    await expect
      .poll(() => alert.textContent(), { timeout: 30_000 })
      .toMatch(/^服务器未接受此请求：请检查输入的内容后重试。/);
    expect(await alert.getByTestId('problem-detail').textContent()).toMatch(/^400 Bad Request: /);

    // The customer's page in Spanish: a message over the API's limit (400), then a server out of reach.
    await page.evaluate("localStorage.setItem('chatbot.uiLanguage', 'es')");
    await page.goto(app.url);
    const input = page.getByLabel('Tu mensaje');
    await input.evaluate((el) => el.removeAttribute('maxlength'));
    await input.fill('a'.repeat(2001));
    await input.press('Enter');
    await expect
      .poll(() => alert.textContent(), { timeout: 60_000 })
      .toMatch(/^El servidor no aceptó la solicitud: revisa lo que escribiste e inténtalo de nuevo\./);
    expect(await alert.getByTestId('problem-detail').textContent()).toMatch(/^400 Bad Request: .*2000/);
    await page.route('**/api/chat/stream', (route) => route.abort('connectionrefused'));
    await input.fill('¿Dónde está mi tarjeta?');
    await input.press('Enter');
    await expect
      .poll(() => alert.textContent(), { timeout: 30_000 })
      .toMatch(/^No se pudo conectar con el servidor: comprueba la conexión e inténtalo de nuevo\./);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await sidewaysOverflow(page)).toBe(0);
    await shot('problem-unreachable-es-390', page);
    await page.unroute('**/api/chat/stream');
    // The refusals asked for above, and the aborted request, are the only errors the page reported.
    const asked =
      /status of (401 .*\/api\/train|400 .*\/api\/(knowledge-base|chat\/stream))\)$|ERR_CONNECTION_REFUSED/;
    expect(browser.errorsOf(page).filter((e) => !asked.test(e))).toEqual([]);
    await page.close();
  }, 180_000);
});
