// Builds an app's deploy zip into a scratch folder and unpacks it into an empty one, as a deployment would.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleApp, type BundleManifest } from '../scripts/bundle.mjs';
import { ensureFreshWeb, packageApp, type PackageReport, type PackageTarget } from '../scripts/package.mjs';

/** A built and unpacked package. */
export interface UnpackedPackage {
  /** The unpacked zip: host.json, package.json, dist/, node_modules/ of the externals. */
  dir: string;
  /** The zip the folder was unpacked from; undefined when built with `zip: false`. */
  zipFile: string | undefined;
  manifest: BundleManifest;
  report: PackageReport;
  /** Removes every scratch folder. */
  dispose(): void;
}

/** Unzips `zipFile` into `dir` (created empty). */
export function unpackZip(zipFile: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('unzip', ['-q', zipFile, '-d', dir]);
}

/**
 * Bundles and packages `appDir` entirely under the OS temp folder (outside the repo, so no workspace symlink
 * or hoisted node_modules can help the package), then unpacks the zip into an empty folder.
 * @example const pkg = await buildUnpackedPackage('apps/recommender'); startPackagedApp({ dir: pkg.dir });
 */
export async function buildUnpackedPackage(
  appDir: string,
  options: { minify?: boolean } = {},
): Promise<UnpackedPackage> {
  // The console's built files (dist-web/) are copied from the app folder like host.json, so build them first.
  ensureFreshWeb(appDir);
  const work = mkdtempSync(join(tmpdir(), 'suite-package-'));
  const distDir = join(work, 'dist');
  const zipFile = join(work, 'deploy.zip');
  const manifest = await bundleApp(appDir, { outdir: distDir, quiet: true, minify: options.minify ?? true });
  const report = packageApp(appDir, { distDir, deployDir: join(work, 'deploy'), zipFile });
  const dir = join(work, 'unpacked');
  unpackZip(zipFile, dir);
  return { dir, zipFile, manifest, report, dispose: () => rmSync(work, { recursive: true, force: true }) };
}

/**
 * Bundles `appDir` once and builds one package per target from that bundle (the Azure package and the other clouds'
 * artifacts), each zipped and unpacked into its own empty folder under the OS temp folder (`zip: false`: each
 * package folder as built, outside the repository all the same).
 * @example const built = await buildUnpackedTargets('apps/recommender', ['azure', 'aws']); built.packages.aws.dir;
 */
export async function buildUnpackedTargets(
  appDir: string,
  targets: PackageTarget[],
  options: { minify?: boolean; zip?: boolean } = {},
): Promise<{ packages: Partial<Record<PackageTarget, UnpackedPackage>>; dispose(): void }> {
  ensureFreshWeb(appDir);
  const work = mkdtempSync(join(tmpdir(), 'suite-targets-'));
  const distDir = join(work, 'dist');
  const manifest = await bundleApp(appDir, { outdir: distDir, quiet: true, minify: options.minify ?? true });
  const packages: Partial<Record<PackageTarget, UnpackedPackage>> = {};
  const dispose = () => rmSync(work, { recursive: true, force: true });
  try {
    for (const target of targets) {
      const deployDir = join(work, `deploy-${target}`);
      if (options.zip === false) {
        // Zipping and unzipping four copies of onnxruntime cost about 20 s of CPU per app that ships it (inference:
        // 31 s with zips, 8 s without); the package test still starts each app's Azure package from its zip.
        const report = packageApp(appDir, { distDir, deployDir, target, zip: false });
        packages[target] = { dir: deployDir, zipFile: undefined, manifest, report, dispose };
        continue;
      }
      const zipFile = join(work, `deploy-${target}.zip`);
      const report = packageApp(appDir, { distDir, deployDir, zipFile, target });
      const dir = join(work, `unpacked-${target}`);
      unpackZip(zipFile, dir);
      packages[target] = { dir, zipFile, manifest, report, dispose };
    }
  } catch (error) {
    dispose();
    throw error;
  }
  return { packages, dispose };
}
