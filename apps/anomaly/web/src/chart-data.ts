// Turns a series' scored points and incidents into the columns the chart draws.
import type uPlot from 'uplot';
import type { Incident, ScoredPoint } from './types.ts';

/**
 * Chart columns: time, value, value at anomalous points only, score, the mean of the last 20 scores, threshold; and
 * incident spans.
 */
export interface SeriesChartData {
  data: uPlot.AlignedData;
  spans: Array<[number, number]>;
  /** The anomalous points, each with the mean of its last 20 scores (null when the window holds fewer). */
  anomalies: Array<ScoredPoint & { mean: number | null }>;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** Scores the detector averages before it compares with the threshold (LIKELIHOOD_AVERAGE in score-likelihood.ts). */
export const SCORE_AVERAGE = 20;

/**
 * Why the mean: the threshold is the level of the mean of a point's last 20 scores at which it alarms, not a cut on
 * one score. Drawn against the raw score, a one-point spike whose score passed the dashed line read as a missed
 * alarm; a spike moves that mean by a twentieth of its excess. The mean is taken over the scores in the window read,
 * so it is left out (null) for the first 19 scored points of the window.
 *
 * @example toChartData(points, incidents).data[2] // null except where verdict is "anomaly"
 */
export function toChartData(points: ScoredPoint[], incidents: Incident[]): SeriesChartData {
  const xs: number[] = [];
  const values: number[] = [];
  const marks: Array<number | null> = [];
  const scores: Array<number | null> = [];
  const means: Array<number | null> = [];
  const recent: number[] = [];
  const thresholds: Array<number | null> = [];
  const anomalies: SeriesChartData['anomalies'] = [];
  for (const p of points) {
    xs.push(seconds(p.timestamp));
    values.push(p.value);
    const anomalous = p.verdict === 'anomaly';
    marks.push(anomalous ? p.value : null);
    scores.push(p.score);
    if (p.score !== null) {
      recent.push(p.score);
      if (recent.length > SCORE_AVERAGE) recent.shift();
    }
    const mean =
      p.score !== null && recent.length === SCORE_AVERAGE
        ? recent.reduce((sum, s) => sum + s, 0) / SCORE_AVERAGE
        : null;
    means.push(mean);
    if (anomalous) anomalies.push({ ...p, mean });
    thresholds.push(p.threshold);
  }
  const spans = incidents.map((i): [number, number] => [seconds(i.openedAt), seconds(i.lastAnomalyAt)]);
  return { data: [xs, values, marks, scores, means, thresholds], spans, anomalies };
}

/** What the chart shows of `chart` between `range` (seconds, inclusive; null: all of it). */
export interface ShownCounts {
  points: number;
  anomalies: number;
  /** Incidents whose span overlaps the range. */
  incidents: number;
}

/**
 * The counts the chart's summary line gives for a zoom: the points drawn, the anomalous ones, the incidents shaded.
 *
 * @example shownIn(toChartData(points, incidents), [from, to]).points // points with from <= time <= to
 */
export function shownIn(chart: SeriesChartData, range: [number, number] | null): ShownCounts {
  const xs = chart.data[0] as number[];
  if (!range) return { points: xs.length, anomalies: chart.anomalies.length, incidents: chart.spans.length };
  const [from, to] = range;
  const inside = (x: number) => x >= from && x <= to;
  return {
    points: xs.filter(inside).length,
    anomalies: chart.anomalies.filter((p) => inside(seconds(p.timestamp))).length,
    incidents: chart.spans.filter(([open, last]) => open <= to && last >= from).length,
  };
}

/** The windows the range picker offers, in seconds; 0 = every stored point (up to the read limit). */
export const RANGES: Array<{ label: string; seconds: number }> = [
  { label: 'last hour', seconds: 3600 },
  { label: 'last 6 hours', seconds: 6 * 3600 },
  { label: 'last 24 hours', seconds: 24 * 3600 },
  { label: 'last 7 days', seconds: 7 * 24 * 3600 },
  { label: 'everything', seconds: 0 },
];
