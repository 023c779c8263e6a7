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

  it('answers a 400 naming url', async () => {
    await expect(
      assertWebhookTarget('https://anomaly-x.azurewebsites.net/h', undefined, azure),
    ).rejects.toThrow(expect.objectContaining({ status: 400 }));
  });

  it('sees through other spellings of this app: 0.0.0.0, a trailing dot, IPv4-mapped IPv6', () => {
    const calledAt = 'http://localhost:7073/api/series/a/webhook';
    for (const url of [
      'http://0.0.0.0:7073/api/metrics',
      'http://localhost.:7073/api/metrics',
      'http://[::ffff:127.0.0.1]:7073/api/metrics',
      'http://[::]:7073/api/metrics',
      'http://2130706433:7073/api/metrics',
      'http://app.localhost:7073/api/metrics',
    ])
      expect(pointsAtSelf(url, calledAt, local), url).toBe(true);
    expect(pointsAtSelf('https://anomaly-x.azurewebsites.net./h', undefined, azure)).toBe(true);
  });
});

describe('webhook address policy at registration', () => {
  const strict = loadAnomalyConfig({});

  it('refuses loopback, link-local, private and unspecified targets in every spelling, naming url', async () => {
    for (const url of [
      'http://127.0.0.1:9000/hook',
      'http://localhost:9000/hook',
      'http://localhost.:9000/hook',
      'http://[::1]:9000/hook',
      'http://0.0.0.0:9000/hook',
      'http://[::ffff:127.0.0.1]:9000/hook',
      'http://[::]:9000/hook',
      'http://2130706433/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/hook',
      'http://10.0.0.5/hook',
      'http://172.16.0.1/hook',
      'http://192.168.1.10/hook',
      'http://100.64.0.1/hook',
      'http://[fc00::1]/hook',
      'http://[64:ff9b::7f00:1]/hook',
      'http://224.0.0.1/hook',
    ]) {
      const refused = await assertWebhookTarget(url, undefined, strict).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, url).toMatchObject({ status: 400, issues: [{ path: 'url' }] });
    }
  });

  it('accepts public addresses, names it cannot resolve yet, and private targets the allow-list names', async () => {
    await expect(assertWebhookTarget('https://8.8.8.8/hook', undefined, strict)).resolves.toBeUndefined();
    await expect(
      assertWebhookTarget('https://hooks.example.test/h', undefined, strict),
    ).resolves.toBeUndefined();
    const allowed = loadAnomalyConfig({
      ALERT_ALLOWED_HOSTS: '127.0.0.0/8, ::1, 10.20.0.0/16, hooks.internal',
    });
    for (const url of [
      'http://127.0.0.1:9000/h',
      'http://[::1]:9000/h',
      'http://10.20.3.4/h',
      'http://[::ffff:127.0.0.1]:9000/h',
    ])
      await expect(assertWebhookTarget(url, undefined, allowed), url).resolves.toBeUndefined();
    await expect(assertWebhookTarget('http://10.21.0.1/h', undefined, allowed)).rejects.toMatchObject({
      status: 400,
    });
  });

  it('names ALERT_ALLOWED_HOSTS when an entry is neither a host, an address nor a CIDR', () => {
    expect(() => loadAnomalyConfig({ ALERT_ALLOWED_HOSTS: '10.0.0.0/99' })).toThrow(/ALERT_ALLOWED_HOSTS/);
    expect(() => loadAnomalyConfig({ ALERT_ALLOWED_HOSTS: 'http://x/' })).toThrow(/ALERT_ALLOWED_HOSTS/);
  });
});
