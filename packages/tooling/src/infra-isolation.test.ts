// The Bicep templates keep each app's models to itself. No Bicep compiler runs here (it is a .NET binary fetched
// from GitHub), so this reads the templates as text: the settings and scopes that decide isolation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const infra = fileURLToPath(new URL('../../../infra/', import.meta.url));
const read = (file: string) => readFileSync(`${infra}${file}`, 'utf8');

/** The value of `name: value` inside the Bicep block opened by the first line matching `opening`. */
function blockOf(text: string, opening: RegExp): string {
  const start = text.search(opening);
  expect(start, `a block matching ${opening}`).toBeGreaterThanOrEqual(0);
  let depth = 0;
  for (let i = text.indexOf('{', start); i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`unclosed block ${opening}`);
}

describe('model storage isolation in infra/', () => {
  const app = read('modules/function-app.bicep');
  const main = read('main.bicep');

  it('deploys every app with the function-app module, each under its own service name', () => {
    const names = [
      ...main.matchAll(/module \w+ 'modules\/function-app\.bicep'[\s\S]*?serviceName: '([a-z]+)'/g),
    ];
    const services = names.map((m) => m[1]);
    expect(services).toEqual(['chatbot', 'recommender', 'anomaly', 'inference']);
  });

  it('gives each app a model container named after its service, never one the apps share', () => {
    // A shared container let one app's model endpoints overwrite, pin or list another app's models.
    const setting = /MODEL_CONTAINER: (.+)/.exec(app)?.[1]?.trim();
    expect(setting).toBe('modelContainerName');
    expect(app).toMatch(/var modelContainerName = 'models-\$\{serviceName\}'/);
    expect(blockOf(app, /resource modelContainer '/)).toMatch(/name: modelContainerName/);
    expect(read('modules/shared.bicep')).not.toMatch(/containers@/);
  });

  it("scopes the app's data role on model storage to its own container, not the account", () => {
    const role = blockOf(app, /resource modelStorageContributor '/);
    expect(role).toMatch(/scope: modelContainer\n/);
    expect(role).toMatch(/roles\.storageBlobDataContributor/);
  });
});
