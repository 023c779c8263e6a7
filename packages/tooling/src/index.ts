// Build and run an app's deploy package from TypeScript: the package test and the cold-start bench use these.
export {
  buildUnpackedPackage,
  buildUnpackedTargets,
  unpackZip,
  type UnpackedPackage,
} from './build-package.ts';
export {
  resolvePackageEntry,
  resolveStartCommand,
  startAppProcess,
  startPackagedApp,
  type ListedFunction,
  type RunningPackage,
  type StartAppProcessOptions,
  type StartPackagedAppOptions,
} from './packaged-app.ts';
export type { BundleManifest } from '../scripts/bundle.mjs';
export type { PackageReport, PackageTarget } from '../scripts/package.mjs';
