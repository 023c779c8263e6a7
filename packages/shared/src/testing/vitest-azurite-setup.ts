// vitest setupFiles entry: startAzurite in the test file's process claims an account on the run's shared Azurite.
import { inject } from 'vitest';
import { useSharedAzurite } from './azurite-shared.ts';
import './vitest-azurite-global-setup.ts';

useSharedAzurite(inject('suiteAzurite'));
