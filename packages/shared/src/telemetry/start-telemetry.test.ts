import { describe, expect, it } from 'vitest';
import { ensureTelemetry } from './start-telemetry.ts';

describe('ensureTelemetry', () => {
  it('does nothing without APPLICATIONINSIGHTS_CONNECTION_STRING', async () => {
    expect(await ensureTelemetry({})).toBe(false);
    expect(await ensureTelemetry({ APPLICATIONINSIGHTS_CONNECTION_STRING: '' })).toBe(false);
  });

  it('starts the Azure Monitor distro once when the connection string is set', async () => {
    const env = {
      // An endpoint nobody listens on: the exporter's sends fail quietly, the start itself must succeed.
      APPLICATIONINSIGHTS_CONNECTION_STRING:
        'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
    };
    const first = ensureTelemetry(env);
    expect(ensureTelemetry(env)).toBe(first);
    expect(await first).toBe(true);
  });
});
