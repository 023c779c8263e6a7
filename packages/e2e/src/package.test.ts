// Each app's deploy zip, unpacked into an empty folder outside the repo, starts under the host like on Azure.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildUnpackedPackage,
  startAppProcess,
  startPackagedApp,
  type ListedFunction,
  type RunningPackage,
  type UnpackedPackage,
} from '@suite/tooling';
import { createIsolatedState, type IsolatedState } from './isolated-state.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const APPS = ['chatbot', 'recommender', 'anomaly', 'inference'].filter((app) =>
  existsSync(join(REPO_ROOT, 'apps', app, 'src', 'index.ts')),
);

const signature = (fns: ListedFunction[]) =>
  fns.map((fn) => `${fn.name} ${fn.trigger} ${fn.route ?? ''} ${(fn.methods ?? []).join(',')}`.trim()).sort();

describe.each(APPS)('the %s deploy package', (app) => {
  const appDir = join(REPO_ROOT, 'apps', app);
  let pkg: UnpackedPackage;
  let packaged: RunningPackage;
  let fromSource: RunningPackage;
  const states: IsolatedState[] = [];

  // One build, one packaged process and one source process per app: every check below reads these. Each process
  // has its own state: in-memory PGlite, or a fresh schema when CI points DATABASE_URL at a server.
  beforeAll(async () => {
    states.push(await createIsolatedState(`package_${app}`), await createIsolatedState(`source_${app}`));
    pkg = await buildUnpackedPackage(appDir);
    [packaged, fromSource] = await Promise.all([
      startPackagedApp({ dir: pkg.dir, env: states[0]!.env }),
      startAppProcess({
        entry: join(appDir, 'src', 'index.ts'),
        cwd: appDir,
        env: states[1]!.env,
      }),
    ]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([packaged?.stop(), fromSource?.stop()]);
    pkg?.dispose();
    await Promise.all(states.map((state) => state.dispose()));
  });

  it('unpacks outside the repository with package.json main pointing at the bundle', () => {
    expect(pkg.dir.startsWith(REPO_ROOT)).toBe(false);
    const manifest = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as {
      main: string;
      type: string;
      dependencies: Record<string, string>;
      scripts?: Record<string, string>;
    };
    expect(manifest.main).toBe('dist/index.js');
    // Outside Azure, `npm start` runs the bundled host on the bundle; every process below is started that way.
    expect(manifest.scripts?.start).toBe('node suite-host.mjs dist/index.js');
    expect(manifest.type).toBe('module');
    expect(existsSync(join(pkg.dir, 'host.json'))).toBe(true);
    // The shared package is inlined, never shipped as a (symlinked) dependency.
    expect(Object.keys(manifest.dependencies)).not.toContain('@suite/shared');
    expect(existsSync(join(pkg.dir, 'node_modules', '@suite'))).toBe(false);
  });

  it('registers every function the source registers', async () => {
    const [packagedFns, sourceFns] = await Promise.all([packaged.functions(), fromSource.functions()]);
    expect(sourceFns.length).toBeGreaterThan(0);
    expect(signature(packagedFns)).toEqual(signature(sourceFns));
  });

  it('answers /api/health', async () => {
    // The first probe boots the embedded database, which can outlast the probe's deadline on a busy machine
    // (503 "degraded"); the package is healthy once a probe succeeds.
    const deadline = Date.now() + 60_000;
    let last = { status: 0, body: '' };
    do {
      const response = await fetch(`${packaged.url}/api/health`);
      last = { status: response.status, body: await response.text() };
      if (last.status === 200) break;
      await new Promise((done) => setTimeout(done, 500));
    } while (Date.now() < deadline);
    expect(last.status, last.body).toBe(200);
    expect((JSON.parse(last.body) as { app?: string }).app).toBe(app);
  });

  it.runIf(existsSync(join(appDir, 'web', 'index.html')))(
    'ships its built console and serves it at /',
    async () => {
      expect(existsSync(join(pkg.dir, 'dist-web', 'index.html'))).toBe(true);
      const page = await fetch(`${packaged.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(`${packaged.url}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
    },
  );

  it('keeps every API route under /api (host.json routePrefix is "", the console takes the rest)', async () => {
    const routes = (await packaged.functions()).filter((fn) => fn.trigger === 'http');
    expect(routes.length).toBeGreaterThan(1);
    for (const fn of routes) if (fn.name !== 'console') expect(fn.route, fn.name).toMatch(/^api\//);
  });

  it('stays within its zipped size budget', () => {
    console.log(
      JSON.stringify({ package: app, zippedMB: pkg.report.zippedMB, unzippedMB: pkg.report.unzippedMB }),
    );
    // recommender and anomaly ship no native runtime: 10 MB zipped; the chatbot and inference carry onnxruntime-node.
    const budgetMB = app === 'chatbot' || app === 'inference' ? 60 : 10;
    expect(pkg.report.zippedBytes!).toBeLessThan(budgetMB * 1e6);
  });
});
