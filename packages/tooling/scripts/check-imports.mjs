#!/usr/bin/env node
// Fails when a package imports a bare module its own package.json does not declare, or declares an external one
// at anything but the exact version installed: with npm workspaces every package resolves the hoisted root
// node_modules, so an undeclared import works here and breaks wherever the package is installed alone.
//
// Usage (from a package folder, as its lint script does): suite-check-imports [packageDir ...]
// Imports are read with TypeScript's own pre-processor (static, dynamic, `export ... from`, `require`), so
// comments and strings that merely look like imports are not counted.
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { findPackageDir, packageNameOf, readJson, isMainModule } from './lib/packages.mjs';

const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'deploy', '.turbo', 'coverage', '.data']);
/** Supplied at run time by the Functions host (and by suite-host), never installed. */
const HOST_PROVIDED = new Set(['@azure/functions-core']);
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[\w.]+)?$/;

function listSources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.mts')) out.push(full);
  }
  return out;
}

const isBare = (specifier) => !/^(?:\.|\/|[a-z]+:)/i.test(specifier);
const isBuiltin = (name) => builtinModules.includes(name);

/** The bare package names `file` imports, with the first line each appears on. */
export function importedPackages(file) {
  const text = readFileSync(file, 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const found = new Map();
  for (const { fileName, pos } of importedFiles) {
    if (!isBare(fileName)) continue;
    const name = packageNameOf(fileName);
    if (isBuiltin(name) || HOST_PROVIDED.has(name) || found.has(name)) continue;
    found.set(name, text.slice(0, pos).split('\n').length);
  }
  return found;
}

/**
 * Problems of one package: undeclared imports, and external dependencies not pinned to the installed version.
 * @example checkPackage('apps/chatbot') // [] when clean
 */
export function checkPackage(pkgDir) {
  const pkg = readJson(join(pkgDir, 'package.json'));
  const declared = {
    ...pkg.peerDependencies,
    ...pkg.optionalDependencies,
    ...pkg.devDependencies,
    ...pkg.dependencies,
  };
  const problems = [];
  for (const file of listSources(pkgDir)) {
    for (const [name, line] of importedPackages(file)) {
      if (name === pkg.name || name in declared) continue;
      problems.push(`${relative(pkgDir, file)}:${line} imports ${name}, which package.json does not declare`);
    }
  }
  for (const [name, range] of Object.entries(declared)) {
    if (name.startsWith('@suite/')) continue; // workspace packages: "*"
    const installed = findPackageDir(name, pkgDir);
    if (!installed) {
      problems.push(`package.json declares ${name}, which is not installed (run npm install)`);
      continue;
    }
    const version = readJson(join(installed, 'package.json')).version;
    if (!EXACT_VERSION.test(range) || range !== version)
      problems.push(
        `package.json declares ${name}@${range}; pin the installed version exactly: "${version}"`,
      );
  }
  return problems;
}

if (isMainModule(import.meta.url)) {
  const dirs = process.argv.slice(2);
  let failed = false;
  for (const dir of dirs.length > 0 ? dirs : [process.cwd()]) {
    const pkgDir = resolve(dir);
    if (!existsSync(join(pkgDir, 'package.json'))) throw new Error(`${pkgDir} has no package.json`);
    const problems = checkPackage(pkgDir);
    const name = readJson(join(pkgDir, 'package.json')).name;
    for (const problem of problems) console.error(`${name}: ${problem}`);
    if (problems.length > 0) failed = true;
    else console.log(`${name}: every imported package is declared and pinned`);
  }
  process.exitCode = failed ? 1 : 0;
}
