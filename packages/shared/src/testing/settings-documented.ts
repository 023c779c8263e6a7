// Every variable an app's settings schema reads is named where an operator looks for it (STYLE.md, 6): the app's
// README, its local.settings.example.json and the env lists of turbo.json's test and dev tasks (turbo's cache
// otherwise ignores a changed value).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The places that do not name a setting, as `README: NAME`, `local.settings.example.json: NAME` or
 * `turbo.json dev: NAME`; empty when every setting is documented.
 *
 * @example expect(undocumentedSettings(APP_DIR, Object.keys(schema.shape))).toEqual([]);
 */
export function undocumentedSettings(appDir: string, names: readonly string[]): string[] {
  const read = (file: string) => readFileSync(join(appDir, file), 'utf8');
  const readme = read('README.md');
  const example = Object.keys((JSON.parse(read('local.settings.example.json')) as { Values: object }).Values);
  const turbo = JSON.parse(read('turbo.json')) as { tasks: Record<string, { env?: string[] }> };
  return names.flatMap((name) => [
    ...(readme.includes(`\`${name}\``) ? [] : [`README: ${name}`]),
    ...(example.includes(name) ? [] : [`local.settings.example.json: ${name}`]),
    ...(['test', 'dev'] as const)
      .filter((task) => !turbo.tasks[task]?.env?.includes(name))
      .map((task) => `turbo.json ${task}: ${name}`),
  ]);
}
