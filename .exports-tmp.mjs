import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
const subs = ['errors','config','db','state','models','http','ml','testing'];
const files = subs.map(s => `packages/shared/src/${s}/index.ts`);
const program = ts.createProgram(files, { allowImportingTsExtensions: true, noEmit: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022 });
const checker = program.getTypeChecker();
const roots = process.argv.slice(2);
function walk(d, out=[]) { for (const e of readdirSync(d)) { if (['node_modules','dist','deploy','.turbo'].includes(e)) continue; const f=join(d,e); if (statSync(f).isDirectory()) walk(f,out); else if (/\.(ts|mts|mjs)$/.test(e)) out.push(f);} return out; }
const consumers = roots.flatMap(r => walk(r));
const used = {};
const re = /import\s+(type\s+)?\{([^}]*)\}\s*from\s*'@suite\/shared\/(\w+)'/gs;
for (const f of consumers) { const t = readFileSync(f,'utf8'); for (const m of t.matchAll(re)) { for (let n of m[2].split(',')) { n=n.trim().replace(/^type\s+/,'').split(/\s+as\s+/)[0].trim(); if(n) (used[m[3]] ??= new Set()).add(n);} } }
for (const s of subs) {
  const sf = program.getSourceFile(`packages/shared/src/${s}/index.ts`);
  const sym = checker.getSymbolAtLocation(sf);
  const exps = checker.getExportsOfModule(sym);
  const values = exps.filter(x => { const a = x.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(x) : x; return a.flags & ts.SymbolFlags.Value; }).map(x=>x.name);
  console.log(s, 'values', values.length, 'unused values:', values.filter(n => !used[s]?.has(n)).join(' '));
}
