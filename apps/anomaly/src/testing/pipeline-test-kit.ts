// Test kit of the metrics-pipeline tests: a small config, a calm sine wave with spikes, and a real local webhook.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAnomalyConfig } from '../config/anomaly-config.ts';
import { createWebhookPoster } from '../service/webhook-client.ts';

/**
 * Few points and trees so a series warms up and fits quickly; alerts retry without waiting, and may reach the
 * loopback receivers of `startWebhookServer` (allowed explicitly, as an operator would allow an internal host).
 */
export const PIPELINE_TEST_CONFIG = loadAnomalyConfig({
  ANOMALY_MIN_POINTS: '50',
  ANOMALY_TREES: '30',
  ALERT_BACKOFF_SECONDS: '0',
  ALERT_ALLOWED_HOSTS: '127.0.0.1/32',
});

/** The alert client of PIPELINE_TEST_CONFIG, for tests that deliver alerts themselves. */
export const PIPELINE_POSTER = createWebhookPoster(PIPELINE_TEST_CONFIG.alertAddressPolicy);

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;

/**
 * One point a minute from `from` to `to` (exclusive) on a calm sine wave, with a spike at each index in `spikes`:
 * +40 for the first, +80 for the second, and so on. Each spike tops the last, since a detector that has seen a
 * value rightly finds the same value less surprising the second time.
 */
export function wave(series: string, from: number, to: number, spikes: number | number[] = []) {
  const list = typeof spikes === 'number' ? [spikes] : spikes;
  const out = [];
  for (let i = from; i < to; i++) {
    const k = list.indexOf(i);
    const value = 10 + Math.sin(i / 8) + (k >= 0 ? 40 * (k + 1) : 0);
    out.push({ series, timestamp: new Date(T0 + i * MIN).toISOString(), value });
  }
  return out;
}

/** A real webhook receiver on a free loopback port; `answer` gets each request with its body read. */
export async function startWebhookServer(
  answer: (body: string, req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => answer(text, req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
