import { ConfigError } from '@suite/shared/errors';
import { describe, expect, it } from 'vitest';
import { loadRecommenderConfig } from './recommender-config.ts';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadRecommenderConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('recommender config', () => {
  it('reads RETRAIN_OPTIONS as training options at start, defaulting to the FM defaults', () => {
    expect(loadRecommenderConfig({}).RETRAIN_OPTIONS).toEqual({ kind: 'fm' });
    expect(loadRecommenderConfig({ RETRAIN_OPTIONS: '{"kind":"mf","k":8}' }).RETRAIN_OPTIONS).toEqual({
      kind: 'mf',
      k: 8,
    });
  });

  it('fails on RETRAIN_OPTIONS that is not JSON, naming the variable', () => {
    const error = configError({ RETRAIN_OPTIONS: '{kind: fm}' });
    expect(error.variable).toBe('RETRAIN_OPTIONS');
    expect(error.message).toMatch(/RETRAIN_OPTIONS.*JSON/);
  });

  it('fails on an unknown or out-of-bounds training option, naming the variable and the field', () => {
    const unknown = configError({ RETRAIN_OPTIONS: '{"epoch":10}' });
    expect(unknown.variable).toBe('RETRAIN_OPTIONS');
    expect(unknown.message).toContain('epoch');
    const bad = configError({ RETRAIN_OPTIONS: '{"optimizer":"adam"}' });
    expect(bad.message).toContain('optimizer');
  });

  it('takes the ials ranking kind and its options, and refuses shards with it at start', () => {
    const ok = loadRecommenderConfig({ RETRAIN_OPTIONS: '{"kind":"ials","alpha0":0.3,"ratingSlope":0.6}' });
    expect(ok.RETRAIN_OPTIONS).toMatchObject({ kind: 'ials', alpha0: 0.3, ratingSlope: 0.6 });
    const error = configError({ RETRAIN_OPTIONS: '{"kind":"ials","shards":2}' });
    expect(error.variable).toBe('RETRAIN_OPTIONS');
    expect(error.message).toContain('shards');
  });

  it('fails on RETRAIN_OPTIONS above the training budget, as POST /api/train would', () => {
    const error = configError({ RETRAIN_OPTIONS: '{"k":256,"epochs":500,"blend":8}' });
    expect(error.variable).toBe('RETRAIN_OPTIONS');
    expect(error.message).toMatch(/exceeds the budget/);
  });
});
