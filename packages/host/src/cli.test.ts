import { describe, expect, it } from 'vitest';
import { parseHostArgs } from './cli.ts';

describe('parseHostArgs', () => {
  it('reads the port, name and entry', () => {
    expect(parseHostArgs(['--port', '7072', '--name', 'recommender', 'src/index.ts'], {})).toEqual({
      port: 7072,
      name: 'recommender',
      entry: 'src/index.ts',
    });
  });

  it('falls back to PORT from the environment', () => {
    expect(parseHostArgs(['dist/index.js'], { PORT: '8080' })).toMatchObject({ port: 8080 });
  });

  it('lets --port win over PORT and accepts --port=N and --no-timers', () => {
    expect(parseHostArgs(['--port=0', '--no-timers', 'a.ts'], { PORT: '8080' })).toEqual({
      port: 0,
      timers: false,
      entry: 'a.ts',
    });
  });

  it('refuses a missing entry, a bad port and unknown options with the usage text', () => {
    expect(() => parseHostArgs(['--port', '7071'], {})).toThrow(/missing the entry file[\s\S]*usage/);
    expect(() => parseHostArgs(['--port', 'x', 'a.ts'], {})).toThrow(/--port must be an integer/);
    expect(() => parseHostArgs(['--verbose', 'a.ts'], {})).toThrow(/unknown option --verbose/);
  });
});
