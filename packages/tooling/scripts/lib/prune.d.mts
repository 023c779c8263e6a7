// Types of prune.mjs for the TypeScript callers (tests).
export const TARGET: { platform: string; arch: string };
export const SKIPPED_DEPENDENCIES: Record<string, string[]>;
export function pruneInstalledPackage(pkgDir: string): void;
