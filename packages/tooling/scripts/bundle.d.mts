// Types of bundle.mjs for the TypeScript callers (package test, cold-start bench).
export interface BundleManifest {
  app: string;
  version: string;
  entry: string;
  format: 'esm';
  externals: Record<string, { version: string; from: string }>;
  stubs: string[];
  assets: string[];
  /** Worker-thread entries bundled on their own (new Worker(new URL('./x.mjs', import.meta.url))). */
  workers: string[];
  chunks: number;
  jsBytes: number;
  buildMs: number;
}
export const ALWAYS_EXTERNAL: string[];
export const DEFAULT_STUBS: Record<string, string>;
export function bundleApp(
  appDir: string,
  options?: { entry?: string; outdir?: string; minify?: boolean; quiet?: boolean },
): Promise<BundleManifest>;
/** The banner every bundle starts with: a real `require`, `__filename` and `__dirname` for inlined CommonJS. */
export const BANNER: string;
export const DEFINE: Record<string, string>;
