import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { bodyOf, ctx, request, useTestAnomaly } from '../testing/http-test-kit.ts';
import { postMetrics } from './metrics.ts';
import { getSeries } from './series.ts';
import { getSeriesScores } from './series-scores.ts';

const ADMIN = { 'x-admin-key': 'test-admin' };

// GET /api/series?prefix=: how the console finds a series among more than a page of them.
describe.each(testEngines())('GET /api/series on %s', (engine) => {
  useTestAnomaly(engine);
  // Ids whose order is the same in C and in a language's collation (the server's may be en_US).
  const ids = ['disk.ax1', 'disk.a_1', 'disk.b', 'diskette', 'net.x'];

  it('lists only the ids starting with prefix, taken as text (an _ or % in it is no wildcard), page by page', async () => {
    const points = ids.map((series) => ({ series, timestamp: '2024-05-01T12:00:00Z', value: 1 }));
    expect(
      (await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: points }), ctx())).status,
    ).toBe(200);
    const list = async (qs: string) => {
      const res = await getSeries(request('GET', `/series${qs}`), ctx());
      expect(res.status).toBe(200);
      const body = bodyOf(res) as { series: Array<{ id: string }>; next: string | null };
      return { ids: body.series.map((s) => s.id), next: body.next };
    };
    expect(await list('?prefix=disk.a_')).toEqual({ ids: ['disk.a_1'], next: null });
    expect((await list('?prefix=disk.')).ids).toEqual(['disk.a_1', 'disk.ax1', 'disk.b']);
    expect((await list('?prefix=%25')).ids).toEqual([]);
    // A whole id as the prefix finds that series first: how the console reads a selected series beyond its page.
    expect((await list('?prefix=disk.a&limit=1')).ids).toEqual(['disk.a_1']);
    expect((await list('?prefix=disk.ax1&limit=1')).ids).toEqual(['disk.ax1']);
    const first = await list('?prefix=disk&limit=2');
    expect(first).toEqual({ ids: ['disk.a_1', 'disk.ax1'], next: 'disk.ax1' });
    expect(await list(`?prefix=disk&limit=2&after=${first.next}`)).toEqual({
      ids: ['disk.b', 'diskette'],
      next: 'diskette',
    });
    // A read of a series id no point can have names the character, as ingest does.
    const unicode = await getSeriesScores(
      request('GET', '/series/x/scores', { params: { id: 'cpu.温度' } }),
      ctx(),
    );
    expect(unicode.status).toBe(400);
    expect(JSON.stringify(unicode.jsonBody)).toContain(
      'params.id: series id holds \\"温\\" (U+6E29), which ids cannot',
    );
    const tooLong = await getSeries(request('GET', `/series?prefix=${'x'.repeat(129)}`), ctx());
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.jsonBody)).toContain('query.prefix');
  });
});
