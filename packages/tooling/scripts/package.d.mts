// Types of package.mjs for the TypeScript callers (package test, cold-start bench).
export interface PackageReport {
  app: string;
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
  options?: { install?: boolean; zip?: boolean; distDir?: string; deployDir?: string; zipFile?: string },
): PackageReport;
export const PACKAGED_HOST: string;
/** Rebuilds the app's web console (npm run build:web) when it is stale; true when it built. */
export function ensureFreshWeb(appDir: string): boolean;
