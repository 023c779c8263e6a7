// A real S3-compatible server for tests: s3rver (npm), in process on a free port, with S3's conditional writes.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running S3-compatible endpoint (path-style, any credentials accepted). */
export interface S3ServerHandle {
  /** `http://127.0.0.1:<port>`, for S3Client's `endpoint` with `forcePathStyle: true`. */
  endpoint: string;
  /** Credentials s3rver accepts (its documented defaults). */
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

interface KoaContext {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  status: number;
  type: string;
  body: unknown;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverInstance {
  middleware: KoaMiddleware[];
  store: { getMetadata(bucket: string, key: string): Promise<{ etag: string }> };
  run(): Promise<Server | AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

const PRECONDITION_FAILED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
  '<Message>At least one of the pre-conditions you specified did not hold</Message></Error>';

/**
 * s3rver 3.7 predates S3's conditional writes (2024) and ignores `If-Match` / `If-None-Match` on PUT. This gate
 * gives it the documented semantics, atomically per key: `If-None-Match: *` fails with 412 when the object exists,
 * `If-Match: <etag>` when it is missing or its ETag differs. Everything else is s3rver's own.
 */
function conditionalWrites(server: S3rverInstance): KoaMiddleware {
  const locks = new Map<string, Promise<void>>();
  return async (ctx, next) => {
    const ifMatch = ctx.headers['if-match'];
    const ifNoneMatch = ctx.headers['if-none-match'];
    if (ctx.method !== 'PUT' || (!ifMatch && !ifNoneMatch) || ctx.headers['x-amz-copy-source']) return next();
    const [, bucket, ...rest] = ctx.path.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const id = `${bucket}/${key}`;
    const previous = locks.get(id) ?? Promise.resolve();
    let unlock = () => {};
    const mine = new Promise<void>((resolve) => (unlock = resolve));
    locks.set(
      id,
      previous.then(() => mine),
    );
    await previous;
    try {
      const current = await server.store.getMetadata(bucket ?? '', key).catch(() => undefined);
      const failed =
        ifNoneMatch === '*' ? current !== undefined : current === undefined || current.etag !== ifMatch;
      if (failed) {
        ctx.status = 412;
        ctx.type = 'application/xml';
        ctx.body = PRECONDITION_FAILED;
        return;
      }
      await next();
    } finally {
      unlock();
      if (locks.get(id) === mine) locks.delete(id);
    }
  };
}

/**
 * Starts s3rver in this process on a free port, keeping objects in a temp folder removed by `stop`.
 * @example
 * const s3 = await startS3Server();
 * const store = createS3ModelStore({ bucket: 'models', endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
 */
export async function startS3Server(): Promise<S3ServerHandle> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, resetOnClose: true });
  server.middleware.unshift(conditionalWrites(server));
  const started = await server.run();
  const address = (
    'address' in started && typeof started.address === 'function' ? started.address() : started
  ) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
