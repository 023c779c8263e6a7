// Stand-in for `sharp` in deploy bundles: transformers.js imports it eagerly but the suite never feeds it images.
// It must be a truthy function (transformers.js refuses to load without an image library) that fails only if used.
export default function sharp() {
  throw new Error(
    'sharp is not included in this deploy package; add it to "suiteDeploy.keep" in the app package.json',
  );
}
