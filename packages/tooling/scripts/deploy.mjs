#!/usr/bin/env node
// Deploys one app's deploy.zip to its Function App: `az functionapp deployment source config-zip`.
//
// Usage (from apps/<app>): suite-deploy [--dry-run]
// Needs the Azure CLI, logged in (`az login`), and:
//   AZURE_RESOURCE_GROUP            resource group (azd output of infra/main.bicep)
//   <APP>_FUNCTION_APP_NAME         e.g. RECOMMENDER_FUNCTION_APP_NAME (azd output), or AZURE_FUNCTIONAPP_NAME
// Both are read from the environment first, then from the azd environment file .azure/<AZURE_ENV_NAME>/.env
// (or the default environment named in .azure/config.json), so after `azd provision` nothing needs exporting.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJson, isMainModule } from './lib/packages.mjs';

function parseDotenv(text) {
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!match) continue;
    values[match[1]] = match[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return values;
}

/** Values of the azd environment (.azure/<name>/.env), or {} when azd was never run here. */
export function readAzdEnv(repoRoot, env = process.env) {
  const azureDir = join(repoRoot, '.azure');
  let name = env.AZURE_ENV_NAME;
  if (!name && existsSync(join(azureDir, 'config.json')))
    name = readJson(join(azureDir, 'config.json')).defaultEnvironment;
  const file = name ? join(azureDir, name, '.env') : undefined;
  return file && existsSync(file) ? parseDotenv(readFileSync(file, 'utf8')) : {};
}

/** The resource group, app name and zip for `appDir`; throws naming whatever is missing. */
export function resolveDeployTarget(appDir, env = process.env) {
  const appPkg = readJson(join(appDir, 'package.json'));
  const app = appPkg.name.replace(/^@[^/]+\//, '');
  const prefix = app.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const azd = readAzdEnv(resolve(appDir, '..', '..'), env);
  const lookup = (name) => env[name] || azd[name];
  const resourceGroup = lookup('AZURE_RESOURCE_GROUP');
  const functionApp = lookup(`${prefix}_FUNCTION_APP_NAME`) || lookup('AZURE_FUNCTIONAPP_NAME');
  const zip = join(appDir, 'deploy.zip');
  const missing = [];
  if (!resourceGroup) missing.push('AZURE_RESOURCE_GROUP');
  if (!functionApp) missing.push(`${prefix}_FUNCTION_APP_NAME (or AZURE_FUNCTIONAPP_NAME)`);
  if (missing.length > 0) {
    throw new Error(`deploy: set ${missing.join(' and ')} (azd provision writes them to .azure/<env>/.env)`);
  }
  if (!existsSync(zip)) {
    // A turbo cache hit restores deploy/ (the task's declared output) but not the zip beside it: zip it again.
    if (!existsSync(join(appDir, 'deploy', 'package.json')))
      throw new Error(`deploy: ${zip} missing; run \`npm run package\` first`);
    execFileSync('zip', ['-q', '-X', '-D', '-r', zip, '.'], { cwd: join(appDir, 'deploy') });
  }
  return { app, resourceGroup, functionApp, zip };
}

if (isMainModule(import.meta.url)) {
  const dryRun = process.argv.includes('--dry-run');
  try {
    const target = resolveDeployTarget(process.cwd());
    // Flex Consumption: the CLI uploads through OneDeploy into the app's deployment container; no remote build,
    // the zip already holds node_modules for the native externals.
    const args = [
      'functionapp',
      'deployment',
      'source',
      'config-zip',
      '--resource-group',
      target.resourceGroup,
      '--name',
      target.functionApp,
      '--src',
      target.zip,
    ];
    console.log(`az ${args.join(' ')}`);
    if (!dryRun) execFileSync('az', args, { stdio: 'inherit' });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
