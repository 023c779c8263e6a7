import { describe, expect, it } from 'vitest';
import { ConfigError } from '@suite/shared/errors';
import { loadAnomalyConfig } from './anomaly-config.ts';

describe('loadAnomalyConfig', () => {
  it('applies the documented defaults and freezes the result', () => {
    const config = loadAnomalyConfig({});
    expect(config).toMatchObject({ windowSize: 8192, minPoints: 96, zThreshold: 4.2649, nTrees: 50 });
    expect(config.selfHostname).toBeNull();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails on a bad value with an error naming the variable', () => {
    expect(() => loadAnomalyConfig({ ANOMALY_TREES: 'many' })).toThrow(ConfigError);
    expect(() => loadAnomalyConfig({ ALERT_ON_CLOSE: 'yes' })).toThrow(/ALERT_ON_CLOSE/);
  });

  it('reads the app host name Azure sets, in lower case', () => {
    expect(loadAnomalyConfig({ WEBSITE_HOSTNAME: 'Anomaly-X.azurewebsites.net' }).selfHostname).toBe(
      'anomaly-x.azurewebsites.net',
    );
  });
});
