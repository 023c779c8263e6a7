import { describe, expect, it } from 'vitest';
import { loadAnomalyConfig } from '../config/anomaly-config.ts';
import { assertWebhookTarget, pointsAtSelf } from './webhook-target.ts';

describe('webhook self-loop guard', () => {
  const local = loadAnomalyConfig({});
  const azure = loadAnomalyConfig({ WEBSITE_HOSTNAME: 'anomaly-x.azurewebsites.net' });

  it('refuses loopback on the port the app was called on, and allows another port', () => {
    const calledAt = 'http://localhost:7073/api/series/a/webhook';
    expect(pointsAtSelf('http://127.0.0.1:7073/api/metrics', calledAt, local)).toBe(true);
    expect(pointsAtSelf('http://[::1]:7073/x', calledAt, local)).toBe(true);
    expect(pointsAtSelf('http://127.0.0.1:9000/hook', calledAt, local)).toBe(false);
  });

  it('refuses the public host name from config even when the call came in on another address', () => {
    const calledAt = 'http://10.0.0.4:80/api/series/a/webhook';
    expect(pointsAtSelf('https://anomaly-x.azurewebsites.net/api/metrics', calledAt, azure)).toBe(true);
    expect(pointsAtSelf('https://anomaly-x.azurewebsites.net/api/metrics', undefined, azure)).toBe(true);
    expect(pointsAtSelf('https://anomaly-x.azurewebsites.net/api/metrics', calledAt, local)).toBe(false);
  });

  it('answers a 400 naming url', () => {
    expect(() => assertWebhookTarget('https://anomaly-x.azurewebsites.net/h', undefined, azure)).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });
});
