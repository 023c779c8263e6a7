// Stand-in for `tsx/esm/api` in deploy bundles: the code is already JavaScript, so registering a TypeScript loader
// (what worker bootstraps do when run from source) becomes a no-op.
export function register() {
  return () => {};
}
export function tsImport(specifier, parent) {
  return import(new URL(specifier, typeof parent === 'string' ? parent : parent.parentURL).href);
}
