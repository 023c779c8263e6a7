#!/usr/bin/env node
// A local stand-in for the platform's invoke API, in front of a packaged artifact (plain Node, no TypeScript loader):
//   aws:    imports lambda.mjs with the runtime's `awslambda` global defined (init), then serves Lambda's invoke
//           API: POST /2015-03-31/functions/function/invocations (buffered: the handler's result as JSON) and
//           POST /2021-11-15/functions/function/response-streaming-invocations (the stream, as the handler writes it).
//   aliyun: imports fc.mjs, then POST /invoke hands the request body to the handler as a Buffer (as FC does) and
//           answers its result as JSON.
// A handler that throws answers 200 with {errorType, errorMessage} and X-Amz-Function-Error: Unhandled, like Lambda.
// Usage: node local-runtime.mjs --platform aws|aliyun --dir <unpacked artifact> --port <port>
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAwsLambdaGlobal } from './aws-lambda-global.mjs';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!['aws', 'aliyun'].includes(args.platform) || !args.dir || !args.port)
    throw new Error('usage: local-runtime.mjs --platform aws|aliyun --dir <artifact> --port <port>');
  return args;
}

const args = parseArgs(process.argv.slice(2));
if (args.platform === 'aws') globalThis.awslambda = createAwsLambdaGlobal();
const entry = await import(
  pathToFileURL(join(args.dir, args.platform === 'aws' ? 'lambda.mjs' : 'fc.mjs')).href
);

const readBody = async (req) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
};

const context = () => ({
  awsRequestId: randomUUID(),
  requestId: randomUUID(),
  getRemainingTimeInMillis: () => 120_000,
});

function sendError(res, error) {
  res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
  res.end(
    JSON.stringify({ errorType: error?.name ?? 'Error', errorMessage: error?.message ?? String(error) }),
  );
}

const server = http.createServer(async (req, res) => {
  try {
    const body = await readBody(req);
    if (
      args.platform === 'aws' &&
      req.url === '/2021-11-15/functions/function/response-streaming-invocations'
    ) {
      res.writeHead(200, { 'content-type': 'application/vnd.awslambda.http-integration-response' });
      res.flushHeaders();
      await entry.streamHandler(JSON.parse(body.toString('utf8')), res, context());
      return;
    }
    const event = args.platform === 'aws' ? JSON.parse(body.toString('utf8')) : body;
    if (req.url !== '/2015-03-31/functions/function/invocations' && req.url !== '/invoke') {
      res.writeHead(404).end();
      return;
    }
    const result = await entry.handler(event, context());
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result ?? null));
  } catch (error) {
    if (res.headersSent) res.destroy(error);
    else sendError(res, error);
  }
});
// Callers keep connections alive between invocations, as the platform's front end does.
server.keepAliveTimeout = 60_000;
server.listen(Number(args.port), '127.0.0.1', () =>
  console.log(`local ${args.platform} runtime on ${args.port}`),
);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
