// The deploy script finds its target like azd left it; the pruning keeps only what Linux x64 loads.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDeployTarget } from '../scripts/deploy.mjs';
import { pruneInstalledPackage } from '../scripts/lib/prune.mjs';

let root: string;

function write(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'suite-deploy-scripts-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('resolveDeployTarget', () => {
  const appDir = () => join(root, 'apps', 'recommender');

  beforeEach(() => {
    write(join(appDir(), 'package.json'), JSON.stringify({ name: '@suite/recommender' }));
    write(join(appDir(), 'deploy.zip'), 'zip');
  });

  it('takes the resource group and the app-specific Function App name from the environment', () => {
    const target = resolveDeployTarget(appDir(), {
      AZURE_RESOURCE_GROUP: 'rg-a',
      RECOMMENDER_FUNCTION_APP_NAME: 'func-r',
    });
    expect(target).toMatchObject({ app: 'recommender', resourceGroup: 'rg-a', functionApp: 'func-r' });
    expect(target.zip).toBe(join(appDir(), 'deploy.zip'));
  });

  it('falls back to the default azd environment written by azd provision', () => {
    write(join(root, '.azure', 'config.json'), JSON.stringify({ defaultEnvironment: 'dev' }));
    write(
      join(root, '.azure', 'dev', '.env'),
      'AZURE_RESOURCE_GROUP="rg-dev"\nRECOMMENDER_FUNCTION_APP_NAME="func-dev"\n',
    );
    expect(resolveDeployTarget(appDir(), {})).toMatchObject({
      resourceGroup: 'rg-dev',
      functionApp: 'func-dev',
    });
  });

  it('names every missing variable', () => {
    expect(() => resolveDeployTarget(appDir(), {})).toThrow(
      /AZURE_RESOURCE_GROUP and RECOMMENDER_FUNCTION_APP_NAME/,
    );
  });

  it('refuses to deploy when there is neither a zip nor a deploy folder', () => {
    rmSync(join(appDir(), 'deploy.zip'));
    expect(() =>
      resolveDeployTarget(appDir(), { AZURE_RESOURCE_GROUP: 'rg', AZURE_FUNCTIONAPP_NAME: 'f' }),
    ).toThrow(/npm run package/);
  });
});

describe('pruneInstalledPackage', () => {
  it('keeps only the linux-x64 binaries of onnxruntime-node and drops typings and maps', () => {
    const pkg = join(root, 'node_modules', 'onnxruntime-node');
    write(join(pkg, 'package.json'), JSON.stringify({ name: 'onnxruntime-node' }));
    for (const target of ['linux/x64', 'linux/arm64', 'darwin/arm64', 'win32/x64']) {
      write(join(pkg, 'bin', 'napi-v6', target, 'onnxruntime_binding.node'), 'bin');
    }
    write(join(pkg, 'dist', 'index.js'), 'js');
    write(join(pkg, 'dist', 'index.d.ts'), 'types');
    write(join(pkg, 'dist', 'index.js.map'), 'map');
    write(join(pkg, 'LICENSE.md'), 'license');

    pruneInstalledPackage(pkg);

    expect(existsSync(join(pkg, 'bin', 'napi-v6', 'linux', 'x64', 'onnxruntime_binding.node'))).toBe(true);
    for (const gone of ['linux/arm64', 'darwin', 'win32'])
      expect(existsSync(join(pkg, 'bin', 'napi-v6', gone))).toBe(false);
    expect(existsSync(join(pkg, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist', 'index.d.ts'))).toBe(false);
    expect(existsSync(join(pkg, 'dist', 'index.js.map'))).toBe(false);
    expect(existsSync(join(pkg, 'LICENSE.md'))).toBe(true);
  });
});
