import { statSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { createTestDb } from './test-db.ts';
import { ensurePgliteTemplate, pgliteTemplateFile } from './pglite-template.ts';

describe('the PGlite template', () => {
  // The global setup made (or found) it before any test started: no test here pays for initdb.
  it('is the file the global setup handed to this worker, and is reused as it is', async () => {
    const file = inject('suitePgliteTemplate');
    expect(file).toBe(pgliteTemplateFile());
    const made = statSync(file);
    expect(made.size).toBeGreaterThan(1_000_000);
    expect(await ensurePgliteTemplate(file)).toBe(file);
    expect(statSync(file).mtimeMs).toBe(made.mtimeMs);
  });

  // vitest-setup.ts registered the run's template for this process: every engine below starts from it.
  it('gives each test database its own empty cluster', async () => {
    const [a, b] = await Promise.all([createTestDb('pglite'), createTestDb('pglite')]);
    try {
      await a.query('CREATE TABLE probe (v int)');
      await a.query('INSERT INTO probe VALUES (1)');
      expect((await a.query<{ v: number }>('SELECT v FROM probe')).rows).toEqual([{ v: 1 }]);
      const tables = await b.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public'");
      expect(tables.rowCount).toBe(0);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });
});
