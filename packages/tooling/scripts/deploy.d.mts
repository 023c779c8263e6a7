// Types of deploy.mjs for the TypeScript callers (tests).
export function readAzdEnv(
  repoRoot: string,
  env?: Record<string, string | undefined>,
): Record<string, string>;
export function resolveDeployTarget(
  appDir: string,
  env?: Record<string, string | undefined>,
): { app: string; resourceGroup: string; functionApp: string; zip: string };
