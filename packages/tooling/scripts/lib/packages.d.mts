// Types of packages.mjs for the TypeScript callers.
export function readJson(file: string): unknown;
export function packageNameOf(specifier: string): string;
export function findPackageDir(name: string, fromDir: string): string | undefined;
export function isMainModule(moduleUrl: string): boolean;
