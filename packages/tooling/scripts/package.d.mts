// Types of package.mjs for the TypeScript callers (package test, cold-start bench).
/** Where a package runs: `azure` (the Function App package) or another cloud through @suite/adapters. */
export type PackageTarget = 'azure' | 'aws' | 'gcp' | 'aliyun';
export interface PackageReport {
  app: string;
  target: PackageTarget;
  /** The platform entry file (`lambda.mjs`, `gcp.mjs`, `fc.mjs`) for a target other than azure. */
  entry?: string;
  /** The timer functions the deployment description schedules. */
  timers?: string[];
  deployDir: string;
  zip: string | undefined;
  dependencies: Record<string, string>;
  files: number;
  unzippedBytes: number;
  zippedBytes: number | undefined;
  unzippedMB: number;
  zippedMB: number | undefined;
}
export function packageApp(
  appDir: string,
  options?: {
    install?: boolean;
    zip?: boolean;
    distDir?: string;
    deployDir?: string;
    zipFile?: string;
    target?: PackageTarget;
  },
): PackageReport;
export const PACKAGED_HOST: string;
/** Rebuilds the app's web console (npm run build:web) when it is stale; true when it built. */
export function ensureFreshWeb(appDir: string): boolean;
