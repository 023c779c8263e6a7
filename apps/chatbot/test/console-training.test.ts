// The chatbot console's retrain in Debian's Chromium against the real app: the finished run's held-out accuracy, its
// 95% interval and the caution on few rows are shown as POST /api/train's job reported them, on a desktop and on a
// phone, without pushing the page sideways.
import { describe, expect, it } from 'vitest';
import { outsideTheirPanels, sidewaysOverflow } from '@suite/console/testing';
import { ADMIN_KEY, useChatbotConsole } from './console-kit.ts';

const { app, browser, shot } = useChatbotConsole();

interface TrainedJob {
  state: string;
  result: {
    info: {
      heldOut: number;
      heldOutAccuracy: number;
      heldOutInterval95: [number, number];
      heldOutCaution: string | null;
    };
  };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

describe(`the chatbot console's retrain (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it.each([
    { device: 'desktop', width: 1280, height: 800 },
    { device: 'phone', width: 390, height: 844 },
  ])(
    'shows the held-out accuracy with its interval and caution on a $device',
    async ({ device, width, height }) => {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`${app.url}/#kb`);
      await page.getByLabel('Admin key').fill(ADMIN_KEY);
      // The first training of a fresh app also readies the service: slow on a loaded machine.
      const accepted = page.waitForResponse((r) => r.url().endsWith('/api/train'), { timeout: 120_000 });
      await page.getByRole('button', { name: 'Retrain', exact: true }).click();
      const { id } = (await (await accepted).json()) as { id: string };
      await expect
        .poll(() => page.getByTestId('train-status').textContent(), { timeout: 150_000 })
        .toMatch(/^Retrained: model \S+ trained on [\d,]+ utterances/);

      // What the job reported is what the page shows.
      const job = (await (
        await fetch(`${app.url}/api/jobs/${id}`, { headers: { 'x-admin-key': ADMIN_KEY } })
      ).json()) as TrainedJob;
      expect(job.state).toBe('succeeded');
      const {
        heldOut,
        heldOutAccuracy,
        heldOutInterval95: [lo, hi],
        heldOutCaution,
      } = job.result.info;
      expect(heldOut).toBeGreaterThan(0);
      expect(heldOut).toBeLessThan(100); // the demo knowledge base: few rows, so the caution is due
      expect(await page.getByTestId('held-out').textContent()).toContain(
        `Held-out accuracy ${percent(heldOutAccuracy)} on ${heldOut} rows ` +
          `(95% interval ${percent(lo)} to ${percent(hi)})`,
      );
      const caution = page.getByTestId('held-out-caution');
      expect(heldOutCaution).toMatch(/too few to read/);
      expect(await caution.textContent()).toBe(`Caution: ${heldOutCaution}`);
      expect(await caution.isVisible()).toBe(true);

      expect(await sidewaysOverflow(page)).toBe(0);
      expect(await outsideTheirPanels(page)).toEqual([]);
      await caution.scrollIntoViewIfNeeded();
      await shot(`retrain-${device}`, page);
      expect(browser.errorsOf(page)).toEqual([]); // this case's own page: the other case's errors are not its
      await page.close();
    },
    200_000,
  );
});
