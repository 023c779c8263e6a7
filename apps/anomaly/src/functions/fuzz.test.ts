// Seeded hostile requests against the whole app on the dev host: no 5xx, no hang, health answers after.
import { resolve } from 'node:path';
import { startHost } from '@suite/host';
import { itSurvivesFuzz } from '@suite/shared/testing/vitest';

itSurvivesFuzz({ entry: resolve(import.meta.dirname, '../index.ts'), startHost });
