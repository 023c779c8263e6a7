// The options of a distributed run: the mode's model kind, the longer schedule for many shards, refusals by name.
import { describe, expect, it } from 'vitest';
import { LONG_DATA_SCHEDULE, toTrainOptions, trainingRunRequestSchema } from './training-run-request.ts';

const parse = (body: unknown) => toTrainOptions(trainingRunRequestSchema.parse(body));

describe('toTrainOptions', () => {
  it('trains the MF in model mode and the FM in data mode by default', () => {
    expect(parse({ mode: 'model', workers: 4 })).toMatchObject({ kind: 'mf' });
    expect(parse({ mode: 'data', workers: 2 })).toEqual({ kind: 'fm' });
  });

  it('gives data-parallel runs of 4 or more shards the longer schedule unless epochs are set', () => {
    expect(parse({ mode: 'data', workers: 4 })).toEqual({ kind: 'fm', ...LONG_DATA_SCHEDULE });
    expect(parse({ mode: 'data', workers: 8, options: { epochs: 5 } })).toMatchObject({ epochs: 5 });
    expect(parse({ mode: 'data', workers: 8, options: { epochs: 5 } })).not.toHaveProperty('averageFrom');
  });

  it('names every option a distributed run cannot honour', () => {
    expect(() => parse({ mode: 'model', workers: 2, rounds: 3, options: { kind: 'fm', blend: 2 } })).toThrow(
      /do not apply/,
    );
    try {
      parse({ mode: 'model', workers: 2, rounds: 3, options: { kind: 'fm', blend: 2 } });
    } catch (error) {
      const paths = (error as { issues: { path: string }[] }).issues.map((i) => i.path);
      expect(paths).toEqual(['options.blend', 'options.kind', 'rounds']);
    }
  });

  it('refuses options: null in data and model mode alike, naming options', () => {
    for (const mode of ['data', 'model']) {
      const result = trainingRunRequestSchema.safeParse({ mode, workers: 2, options: null });
      expect(result.success, mode).toBe(false);
      expect(
        result.error?.issues.map((i) => i.path.join('.')),
        mode,
      ).toEqual(['options']);
    }
    expect(parse({ mode: 'model', workers: 2 })).toMatchObject({ kind: 'mf' });
  });
});
