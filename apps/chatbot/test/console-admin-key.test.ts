// The staff pages' one admin key in Chromium: the agent desk's calls check the same ADMIN_KEY as the knowledge
// base's, so the page has one field for it, the shared Admin key bar (sessionStorage only, Forget the key), and
// the desk's sign-in asks for a name only.
import { describe, expect, it } from 'vitest';
import { outsideTheirPanels, sidewaysOverflow } from '@suite/console/testing';
import { ADMIN_KEY, useChatbotConsole } from './console-kit.ts';

const { app, browser, shot } = useChatbotConsole({
  browser: { locale: 'zh-CN' },
});

describe(`the staff pages' admin key (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('is typed once in the shared bar for the knowledge base and the agent desk, kept in this tab only', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#kb`);
    await expect
      .poll(() => page.getByRole('heading', { name: /^知识库/ }).count(), { timeout: 30_000 })
      .toBe(1);
    expect(await page.locator('input[type=password]').count()).toBe(1);
    await page.getByLabel('管理员密钥').fill(ADMIN_KEY);

    // The desk in the same tab: the key is already there, the sign-in asks for a name only.
    await page.goto(`${app.url}/#agent`);
    await expect.poll(() => page.getByRole('heading', { name: '坐席登录' }).count()).toBe(1);
    expect(await page.locator('input[type=password]').count()).toBe(1);
    expect(await page.getByLabel('管理员密钥').inputValue()).toBe(ADMIN_KEY);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 860 });
      expect(await sidewaysOverflow(page)).toBe(0);
      expect(await outsideTheirPanels(page)).toEqual([]);
      await shot(`agent-signin-zh-${width}`, page);
    }
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByLabel('您的姓名').fill('小王');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    // The app's first call readies the classifier: slow on a loaded machine.
    await expect.poll(() => page.getByText('暂无客户等待。').count(), { timeout: 120_000 }).toBe(1);

    // Kept for this tab only: over a reload, never in localStorage, the desk's own record holds the name alone.
    await page.reload();
    await expect.poll(() => page.getByText('暂无客户等待。').count(), { timeout: 30_000 }).toBe(1);
    const stored = await page.evaluate<{ session: string | null; agent: string | null; local: string }>(
      `({ session: sessionStorage.getItem('suite.adminKey'), agent: sessionStorage.getItem('chatbot.agent'),
          local: JSON.stringify(localStorage) })`,
    );
    expect(stored.session).toBe(ADMIN_KEY);
    expect(JSON.parse(stored.agent!)).toEqual({ name: '小王' });
    expect(stored.local).not.toContain(ADMIN_KEY);
    const other = await browser.newPage();
    await other.goto(`${app.url}/#agent`);
    await expect.poll(() => other.getByLabel('管理员密钥').count()).toBe(1);
    expect(await other.getByLabel('管理员密钥').inputValue()).toBe('');
    await other.close();

    // Forget the key: the queue is no longer read, and the desk says where the key goes.
    await page.getByRole('button', { name: '清除密钥' }).click();
    await expect.poll(() => page.getByText('请在上方输入管理员密钥，以查看和处理队列。').count()).toBe(1);
    expect(await page.getByText('暂无客户等待。').count()).toBe(0);
    expect(await page.evaluate("sessionStorage.getItem('suite.adminKey')")).toBeNull();
    await shot('agent-forgotten-zh', page);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  }, 180_000);

  it("names a key character no request can carry in the page's language, not in English", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#kb`);
    await expect.poll(() => page.getByLabel('管理员密钥').count(), { timeout: 30_000 }).toBe(1);
    // Typed on a Cyrillic layout: "к" for "r".
    await page.getByLabel('管理员密钥').fill('adminкey');
    const alert = page.locator('form.admin-key [role=alert]');
    await expect.poll(() => alert.count()).toBe(1);
    const text = await alert.innerText();
    expect(text).toContain('к');
    expect(text).toContain('键盘布局');
    expect(text).not.toContain('An admin key');
    expect(text).not.toContain('adminкey');
    await page.close();
  }, 60_000);
});
