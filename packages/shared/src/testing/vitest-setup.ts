// vitest setupFiles entry: every in-memory PGlite of the test file's process loads the template the global setup made.
import { inject } from 'vitest';
import { usePgliteTemplate } from './pglite-template.ts';
import './vitest-global-setup.ts';

usePgliteTemplate(inject('suitePgliteTemplate'));
