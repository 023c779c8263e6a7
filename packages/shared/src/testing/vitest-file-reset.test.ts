// The reset that ends each test file of a package whose files share worker processes puts the environment back.
import { describe, expect, it } from 'vitest';
import { restoreEnv } from './vitest-file-reset.ts';

describe('restoreEnv', () => {
  it('removes names set since the snapshot and restores changed and removed ones', () => {
    const env: NodeJS.ProcessEnv = { KEPT: 'a', CHANGED: 'b', REMOVED: 'c' };
    const snapshot = { ...env };
    env.CHANGED = 'changed';
    delete env.REMOVED;
    env.ADDED = 'added';
    restoreEnv(snapshot, env);
    expect(env).toEqual({ KEPT: 'a', CHANGED: 'b', REMOVED: 'c' });
  });
});
