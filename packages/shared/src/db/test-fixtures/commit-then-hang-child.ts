// Child process for the durability test: commits rows on a PGlite data folder as a handler does before its 2xx,
// says so, then stays up until the parent kills it (SIGKILL: no close, no shutdown checkpoint).
import { createDb } from '../create-db.ts';

const [dataDir, label] = process.argv.slice(2);
const db = createDb({ dataDir });
await db.query(
  'CREATE TABLE IF NOT EXISTS accepted (label text PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())',
);
await db.transaction(async (tx) => {
  await tx.query('INSERT INTO accepted (label) VALUES ($1)', [label]);
});
const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accepted');
process.stdout.write(`committed ${rows[0]?.n ?? 0}\n`);
setInterval(() => undefined, 60_000);
