// Every variable the app's settings schema reads is named where an operator looks for it (STYLE.md, 6).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { undocumentedSettings } from '@suite/shared/testing';
import { describe, expect, it } from 'vitest';
import { ANOMALY_SETTING_NAMES } from './anomaly-config.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the anomaly settings', () => {
  it('are each named in the README, local.settings.example.json and turbo.json', () => {
    expect(undocumentedSettings(APP_DIR, ANOMALY_SETTING_NAMES)).toEqual([]);
  });
});
