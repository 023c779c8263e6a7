// Every variable the app's settings schema reads is named where an operator looks for it (STYLE.md, 6).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PIPELINE_SETTING_NAMES } from '../pipeline/pipeline-config.ts';
import { RECOMMENDER_SETTING_NAMES } from './recommender-config.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file: string) => readFileSync(join(APP_DIR, file), 'utf8');

describe('the recommender settings', () => {
  it('are each named in the README, local.settings.example.json and turbo.json', () => {
    const readme = read('README.md');
    const example = Object.keys(
      (JSON.parse(read('local.settings.example.json')) as { Values: object }).Values,
    );
    const turbo = JSON.parse(read('turbo.json')) as { tasks: Record<string, { env?: string[] }> };
    const missing = [...RECOMMENDER_SETTING_NAMES, ...PIPELINE_SETTING_NAMES].flatMap((name) => [
      ...(readme.includes(`\`${name}\``) ? [] : [`README: ${name}`]),
      ...(example.includes(name) ? [] : [`local.settings.example.json: ${name}`]),
      ...(['test', 'dev'] as const)
        .filter((task) => !turbo.tasks[task]?.env?.includes(name))
        .map((task) => `turbo.json ${task}: ${name}`),
    ]);
    expect(missing).toEqual([]);
  });
});
