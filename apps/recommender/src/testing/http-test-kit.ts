// Test helpers: real HttpRequest objects for calling handlers directly, and demo data as import bodies.
import { HttpRequest, InvocationContext, type HttpHandler, type HttpResponseInit } from '@azure/functions';
import { createSyntheticData } from '../data/synthetic.ts';
import { TEST_ADMIN_KEY } from './recommender-test-kit.ts';

export interface Call {
  method?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: string | object;
  headers?: Record<string, string>;
}

/** Invoke a handler with a real HttpRequest; returns status, headers and the parsed JSON body. */
export async function call(
  handler: HttpHandler,
  c: Call = {},
): Promise<{
  status: number;
  headers: Headers; // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are checked by the assertions
  body: any;
}> {
  const body =
    c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
  const headers = {
    ...(typeof c.body === 'object' ? { 'content-type': 'application/json' } : {}),
    ...c.headers,
  };
  const request = new HttpRequest({
    method: c.method ?? (body === undefined ? 'GET' : 'POST'),
    url: 'http://localhost/api/test',
    headers,
    params: c.params ?? {},
    query: c.query ?? {},
    ...(body !== undefined ? { body: { string: body } } : {}),
  });
  const res: HttpResponseInit = await handler(request, new InvocationContext({ invocationId: 'test' }));
  const h = new Headers(res.headers as ConstructorParameters<typeof Headers>[0]);
  // A stream (server-sent events) is read to its end and returned as text.
  const raw =
    res.jsonBody ??
    (typeof res.body === 'string'
      ? JSON.parse(res.body)
      : res.body instanceof ReadableStream
        ? await new Response(res.body).text()
        : undefined);
  return { status: res.status ?? 200, headers: h, body: raw };
}

/** A small deterministic world as CSV bodies for the import endpoints. */
export function createDemoCsv(options?: Parameters<typeof createSyntheticData>[0]): {
  ratings: string;
  items: string;
  users: string;
} {
  const d = createSyntheticData(options);
  const ratings = [
    'user,item,rating,time',
    ...Array.from(
      d.ratings.user,
      (u, r) => `${u},${d.ratings.item[r]},${d.ratings.rating[r]},${d.ratings.time[r]}`,
    ),
  ].join('\n');
  const items = ['id,title,genres', ...d.items.map((i) => `${i.id},"${i.title}",${i.genres.join('|')}`)].join(
    '\n',
  );
  const users = [
    'id,age,gender,occupation',
    ...d.users.map((u) => `${u.id},${u.age},${u.gender},${u.occupation}`),
  ].join('\n');
  return { ratings, items, users };
}

/** The longest a test waits for a training job: polls, each after a short pause. */
const JOB_POLLS = 3000;

/**
 * Follow a job through GET /api/jobs/{id} (admin) until it ends (a bounded number of polls, so a stuck job fails the
 * test instead of hanging it); returns the final job body.
 */
export async function waitForJob(getJob: HttpHandler, jobId: string) {
  for (let i = 0; i < JOB_POLLS; i++) {
    const res = await call(getJob, { params: { id: jobId }, headers: { 'x-admin-key': TEST_ADMIN_KEY } });
    if (res.status !== 200) throw new Error(`GET /api/jobs/${jobId} answered ${res.status}`);
    if (['succeeded', 'failed', 'cancelled'].includes(res.body.state)) return res.body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`job ${jobId} did not end within ${JOB_POLLS} polls`);
}
