// The staff pages in Debian's Chromium with a Chinese browser: the agent desk, the knowledge base, the feedback
// review and a retraining all in Chinese (no English left but codes and what customers and the knowledge base
// wrote), on a desktop and a 390 px phone; the language switcher changes the pages and is remembered. The customer
// chat greets in the browser's language until its first answer, and the offline chat's page speaks it.
import { describe, expect, it } from 'vitest';
import { outsideTheirPanels, sidewaysOverflow, type ConsoleBrowser } from '@suite/console/testing';
import { STAFF_LABELS } from '../web/src/staff-labels.ts';
import { ADMIN_KEY, useChatbotConsole } from './console-kit.ts';

/** Latin words a Chinese staff page may show: the names of a header, a variable and a format. */
const CODES = new Set(['API', 'JSON', 'ADMIN_KEY', 'x-admin-key']);

type Page = ConsoleBrowser['page'];

const { app, browser, shot, post } = useChatbotConsole({
  browser: { locale: 'zh-CN' },
});

/**
 * The staff page's own words: its visible text, and the names, titles and stacked-table labels a screen reader or a
 * phone shows; without what customers, agents and the knowledge base wrote (marked translate="no") and text marked
 * as another language than `language` (a language's own name).
 */
const ownWords = (page: Page, language: string) =>
  page.evaluate<string>(`(() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('[translate="no"], [lang]:not([lang^="${language}"]), script, style').forEach((el) => el.remove());
    const texts = [copy.textContent || ''];
    for (const el of copy.querySelectorAll('*'))
      for (const name of ['aria-label', 'title', 'placeholder', 'data-label'])
        if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
    return texts.join(' ');
  })()`);

/** The Latin words of a Chinese staff page, codes aside. */
const englishLeftovers = async (page: Page) =>
  ((await ownWords(page, 'zh')).match(/[A-Za-z][A-Za-z_-]+/g) ?? []).filter((w) => !CODES.has(w));

describe(`the staff pages in the browser's language (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it.each([
    { device: 'desktop', width: 1280, height: 860 },
    { device: 'phone', width: 390, height: 844 },
  ])(
    'show the agent desk in Chinese to a zh-CN browser on a $device',
    async ({ device, width, height }) => {
      const asked = `我想转人工客服 ${device}`;
      const chat = await post<{ handedOff: boolean }>('/api/chat', { message: asked });
      expect(chat.handedOff).toBe(true);
      const page = await browser.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`${app.url}/#agent`);
      await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('zh-CN');
      await expect.poll(() => page.title()).toBe('智能客服控制台');
      await page.getByLabel('管理员密钥').fill(ADMIN_KEY);
      await page.getByLabel('您的姓名').fill('小王');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const queued = page.getByRole('button', { name: new RegExp(asked) });
      await expect.poll(() => queued.count(), { timeout: 60_000 }).toBe(1);
      expect(await queued.textContent()).toMatch(/待接待\s*客户要求转人工/);
      await queued.click();
      await page.getByRole('button', { name: '接待', exact: true }).click();
      await expect.poll(() => page.getByText(/由 小王 接待/).count(), { timeout: 30_000 }).toBe(1);
      // The date is the locale's, through Intl.
      expect(await page.getByText(/由 小王 接待/).textContent()).toMatch(/发起于 \d{4}年\d{1,2}月\d{1,2}日/);
      const transcript = page.getByRole('list', { name: '完整对话记录' });
      await expect.poll(() => transcript.textContent()).toContain(asked);
      // The customer's words are marked as their language, not the page's (a screen reader voices them so).
      expect(await transcript.locator('.bubble.customer p').first().getAttribute('lang')).toBe('zh');
      await expect.poll(() => page.getByLabel('回复客户').count()).toBe(1);
      expect(await englishLeftovers(page)).toEqual([]);
      expect(await sidewaysOverflow(page)).toBe(0);
      await shot(`agent-zh-${device}`, page);
      expect(browser.errorsOf(page)).toEqual([]);
      await page.close();
    },
    180_000,
  );

  it("greets a customer in the browser's language before the first answer", async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('heading', { name: '在线客服' }).count()).toBe(1);
    const tryAsking = page.getByRole('group', { name: '试试这样问' });
    await expect.poll(() => tryAsking.count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('.suggestions p').textContent()).toContain('支持 English、中文或español');
    expect(await page.locator('section.chat').getAttribute('lang')).toBe('zh');
    expect(await page.getByLabel('您的消息').count()).toBe(1);
    await shot('customer-zh', page);
    // The offline chat's page too; an answer's own words are that answer's language, here Chinese.
    await page.goto(`${app.url}/#offline`);
    await expect
      .poll(() => page.getByText(/个意图，分类器 [\d,]+ KB）已下载到本机/).count(), { timeout: 60_000 })
      .toBe(1);
    expect(await page.getByRole('heading', { name: '离线模式' }).count()).toBe(1);
    await page.getByLabel('您的消息（离线）').fill('我的新卡还没有到');
    await page.getByRole('button', { name: '发送', exact: true }).click();
    const answer = page.getByTestId('offline-log').locator('.bubble.assistant');
    await expect.poll(() => answer.count()).toBe(1);
    expect(await answer.locator('.meta').textContent()).toMatch(
      /^意图 新卡还没收到 · 置信度 \d+% 由本设备回答$/,
    );
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('shows the knowledge base, feedback review and retraining in Chinese, and switches language', async () => {
    const chat = await post<{ sessionId: string; sessionToken: string; turn: number }>('/api/chat', {
      message: '卡片寄丢了吗',
    });
    await post(
      '/api/feedback',
      { sessionId: chat.sessionId, turn: chat.turn, intent: 'card_not_arrived' },
      { 'x-session-token': chat.sessionToken },
    );
    const page = await browser.newPage();
    await page.goto(`${app.url}/#kb`);
    await expect
      .poll(() => page.getByTestId('intents').textContent(), { timeout: 30_000 })
      .toContain('card_not_arrived');
    expect(await page.getByRole('heading', { name: /^知识库/ }).count()).toBe(1);
    await page.getByLabel('管理员密钥').fill(ADMIN_KEY);
    await page.getByRole('button', { name: '显示待审核反馈' }).click();
    const suggestion = page.getByTestId('pending-feedback').getByRole('row', { name: /卡片寄丢了吗/ });
    await expect.poll(() => suggestion.count(), { timeout: 30_000 }).toBe(1);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 860 });
      expect(await englishLeftovers(page)).toEqual([]);
      expect(await sidewaysOverflow(page)).toBe(0);
      await shot(`kb-zh-${width}`, page);
    }
    await page.setViewportSize({ width: 1280, height: 860 });
    await suggestion.getByRole('button', { name: '通过' }).click();
    await expect
      .poll(() => page.getByTestId('feedback-status').textContent(), { timeout: 30_000 })
      .toMatch(/^已通过 #\d+（新卡还没收到）：将用于下次重新训练。$/);

    // The first training of a fresh app also readies the service: slow on a loaded machine.
    await page.getByRole('button', { name: '重新训练', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('train-status').textContent(), { timeout: 150_000 })
      .toMatch(/^重新训练完成：模型 \S+，共训练 [\d,]+ 条语句，用时 [\d.]+秒$/);
    expect(await page.getByTestId('held-out').textContent()).toMatch(/^留出集准确率 \d+%（共 \d+ 条）/);
    expect(await page.getByTestId('held-out-caution').textContent()).toMatch(/^注意：留出数据只有 \d+ 条/);

    // The switcher: Spanish at once, kept over a reload, in <html lang>; then English.
    await page.getByLabel('界面语言').selectOption('es');
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('es');
    await expect.poll(() => page.getByRole('heading', { name: /^Base de conocimiento/ }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('link', { name: 'Panel de agentes' }).count()).toBe(1);
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('es');
    expect(await page.evaluate(`localStorage.getItem('chatbot.uiLanguage')`)).toBe('es');
    const text = await ownWords(page, 'es');
    const english = Object.entries(STAFF_LABELS.en).filter(
      ([key, words]) =>
        !words.includes('{') && words !== STAFF_LABELS.es[key as keyof typeof STAFF_LABELS.es],
    );
    const shown = (words: string) =>
      new RegExp(`(^|[^\\p{L}])${words.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text);
    expect(english.filter(([, words]) => shown(words)).map(([key]) => key)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await outsideTheirPanels(page)).toEqual([]);
    await shot('kb-es-390', page);
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByLabel('Idioma').selectOption('en');
    await expect.poll(() => page.getByRole('heading', { name: /^Knowledge base/ }).count()).toBe(1);
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('en');
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  }, 240_000);
});
