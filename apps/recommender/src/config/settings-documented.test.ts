// Every variable the app's settings schema reads is named where an operator looks for it (STYLE.md, 6).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { undocumentedSettings } from '@suite/shared/testing';
import { describe, expect, it } from 'vitest';
import { PIPELINE_SETTING_NAMES } from '../pipeline/pipeline-config.ts';
import { RECOMMENDER_SETTING_NAMES } from './recommender-config.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the recommender settings', () => {
  it('are each named in the README, local.settings.example.json and turbo.json', () => {
    expect(undocumentedSettings(APP_DIR, [...RECOMMENDER_SETTING_NAMES, ...PIPELINE_SETTING_NAMES])).toEqual(
      [],
    );
  });
});
