// Child process for the appTerminate test: a stand-in for the Functions host (the `@azure/functions-core` module the
// real worker provides, collecting hooks), an app that writes through the shared database, the host stopping the app
// (its appTerminate hooks run), then no exit until the parent kills it (SIGKILL: nothing else closes anything).
import Module from 'node:module';

type Hook = (context: unknown) => unknown;
const hooks: Hook[] = [];
const core = {
  registerHook(name: string, callback: Hook) {
    if (name === 'appTerminate') hooks.push(callback);
    return { dispose: () => undefined };
  },
  registerFunction: () => ({ dispose: () => undefined }),
  setProgrammingModel: () => undefined,
  getProgrammingModel: () => undefined,
  log: () => undefined,
};
const proto = Module.prototype as unknown as { require: (id: string) => unknown };
proto.require = new Proxy(proto.require, {
  apply: (target, self, args: unknown[]) =>
    args[0] === '@azure/functions-core' ? core : Reflect.apply(target, self, args),
});

const [label] = process.argv.slice(2);
setInterval(() => undefined, 60_000);
const { app } = await import('@azure/functions');
const { closeDbOnAppTerminate, getDb } = await import('../create-db.ts');
closeDbOnAppTerminate(app); // as every app's entry does
await getDb().query('CREATE TABLE IF NOT EXISTS accepted (label text PRIMARY KEY)');
await getDb().query('INSERT INTO accepted (label) VALUES ($1)', [label]);
for (const hook of hooks) await hook({ hookData: {}, appHookData: {} });
process.stdout.write(`terminated ${hooks.length}\n`);
