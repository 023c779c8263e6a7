// The chatbot console's admin views on a 390 px phone: what an agent acts on is in view, not past the panel's edge.
import { describe, expect, it } from 'vitest';
import { cutOffInPanels, outsideTheirPanels } from '@suite/console/testing';
import { ADMIN_KEY, useChatbotConsole } from './console-kit.ts';

/** What a chat answer carries that the test goes on with. */
interface Turn {
  sessionId: string;
  sessionToken: string;
}

const { app, browser, shot, post } = useChatbotConsole();

describe(`the chatbot console on a phone (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it("shows a customer's feedback with its Approve and Reject buttons in view", async () => {
    const turn = await post<Turn>('/api/chat', { message: 'what exchange rate do you use' });
    await post(
      '/api/feedback',
      { sessionId: turn.sessionId, turn: 1, intent: 'human_agent' },
      { 'x-session-token': turn.sessionToken },
    );
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/#kb`);
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Show pending feedback' }).click();
    const rows = page.locator('[data-testid="pending-feedback"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    // Four columns drew past the panel: the decision buttons sat off screen behind a sideways scroll.
    expect(await cutOffInPanels(page, '[data-testid="pending-feedback"]')).toEqual([]);
    expect(await outsideTheirPanels(page)).toEqual([]);
    expect(await rows.first().textContent()).toMatch(
      /what exchange rate do you use.*exchange_rate.*human_agent/s,
    );
    await rows.first().getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByTestId('feedback-status').textContent()).toMatch(/approved/i);
    await shot('feedback-phone', page);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });
});
