// Serves an app's built web console (Vite's output folder): content types, caching, CSP, and no way out of the folder.
import type { HttpResponseInit } from '@azure/functions';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { NotFoundError } from '../errors/index.ts';

/**
 * The consoles' Content-Security-Policy: scripts, styles and API calls from this origin only, no inline script,
 * no plugins, no framing. Styles set through the CSSOM (`el.style.x = …`, which the chart library and Preact
 * use) are not inline style attributes, so `style-src 'self'` holds. `connectSources` are origins the page may
 * also call (the Blob endpoint a console uploads a large model to); each must be a bare http(s) origin.
 * @example consoleCsp(['https://acct.blob.core.windows.net']) // "... connect-src 'self' https://acct.blob..."
 */
export function consoleCsp(connectSources: readonly string[] = []): string {
  for (const source of connectSources)
    if (!/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(source))
      throw new Error(`consoleCsp: "${source}" is not an http(s) origin`);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectSources].join(' '),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** {@link consoleCsp} with no other origin: what every console is served with unless its app says otherwise. */
export const CONSOLE_CSP = consoleCsp();

/** Options of {@link createStaticSite}. */
export interface StaticSiteOptions {
  /** Origins the page may call besides its own (the CSP's connect-src). */
  connectSources?: readonly string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite writes content-hashed files under assets/: a new build gets new names, so these never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files, so browsers must check it on every load (ETag keeps that cheap). */
const REVALIDATE = 'no-cache';

/** Where the built console is; `dist-web` in the app folder unless CONSOLE_DIR says otherwise. */
export function resolveConsoleDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  // Azure runs the worker with the package folder as AzureWebJobsScriptRoot; the dev host runs in the app folder.
  return resolve(env.CONSOLE_DIR ?? join(env.AzureWebJobsScriptRoot ?? cwd, 'dist-web'));
}

/** A file of the site as it is answered: body, type and cache policy. */
interface SiteFile {
  body: Buffer;
  etag: string;
  contentType: string;
  cacheControl: string;
}

/** A request for one path of the site. */
export interface StaticRequest {
  /** The path below the site root, as the route's catch-all parameter gives it (decoded, no leading slash). */
  path: string | undefined;
  method: string;
  ifNoneMatch?: string | null;
}

/**
 * The relative file path `path` names inside the site, or undefined when it could leave the folder or names a
 * hidden file: `..` segments, backslashes, NUL, drive letters and dot-files are refused, whatever their encoding
 * (the route parameter arrives decoded once; a second layer of encoding stays literal and matches no file).
 */
export function toSitePath(path: string | undefined): string | undefined {
  const text = (path ?? '').replace(/^\/+/, '');
  if (text === '') return 'index.html';
  if (/[\\\0:]/.test(text)) return undefined;
  const segments = text.split('/');
  if (segments.some((s) => s === '' || s.startsWith('.'))) return undefined;
  return segments.join('/');
}

/**
 * A static site over one folder. Files are read once per warm instance and kept: a deployed console never
 * changes under a running process (a new deployment restarts it).
 *
 * @example
 * const site = createStaticSite(resolveConsoleDir());
 * return site.serve({ path: request.params.path, method: request.method, ifNoneMatch: request.headers.get('if-none-match') });
 */
export function createStaticSite(root: string, options: StaticSiteOptions = {}) {
  const base = resolve(root);
  const csp = consoleCsp(options.connectSources);
  const files = new Map<string, Promise<SiteFile | undefined>>();

  async function load(relative: string): Promise<SiteFile | undefined> {
    const full = resolve(base, relative);
    if (!full.startsWith(base + sep)) return undefined;
    let body: Buffer;
    try {
      body = await readFile(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENAMETOOLONG: a path segment longer than the filesystem allows names no file either (found by the fuzz run).
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'ENAMETOOLONG')
        return undefined;
      throw error;
    }
    const contentType = CONTENT_TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream';
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const cacheControl = relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE;
    return { body, etag, contentType, cacheControl };
  }

  function fileAt(relative: string): Promise<SiteFile | undefined> {
    let found = files.get(relative);
    if (!found) {
      found = load(relative);
      files.set(relative, found);
      // A failed read is not remembered; a missing file is (a miss costs no disk read the next time).
      found.catch(() => files.delete(relative));
    }
    return found;
  }

  return {
    root: base,
    /** Answers one request; throws NotFoundError for anything that is not a file of the site. */
    async serve(request: StaticRequest): Promise<HttpResponseInit> {
      const relative = toSitePath(request.path);
      // The API lives under /api: an unknown API path is a 404 problem, never the console's page. It says where
      // the routes are: a GET of a POST route (a :predict opened in a browser) lands here, not on a 405.
      if (relative !== undefined && (relative === 'api' || relative.startsWith('api/')))
        throw new NotFoundError(
          `No API route answers ${request.method} /${relative}: GET /api/openapi.json lists each route and its methods`,
        );
      if (relative === undefined) throw new NotFoundError(`No page or file at /${request.path ?? ''}`);
      const file = await fileAt(relative);
      if (!file) {
        if (relative === 'index.html')
          throw new NotFoundError(
            `The console is not built (no index.html in ${base}): run npm run build:web in the app folder`,
          );
        throw new NotFoundError(`No page or file at /${relative}`);
      }
      const headers: Record<string, string> = {
        'content-type': file.contentType,
        'cache-control': file.cacheControl,
        etag: file.etag,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      };
      if (file.contentType.startsWith('text/html')) {
        headers['content-security-policy'] = csp;
        headers['x-frame-options'] = 'DENY';
      }
      if (request.ifNoneMatch === file.etag) return { status: 304, headers };
      headers['content-length'] = String(file.body.length);
      return { status: 200, headers, body: request.method === 'HEAD' ? undefined : file.body };
    },
  };
}

/** A static site as {@link createStaticSite} builds it. */
export type StaticSite = ReturnType<typeof createStaticSite>;
