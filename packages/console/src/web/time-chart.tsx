// A uPlot chart as a Preact component: created once, fed new data in place, sized to its box, spans shaded.
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Props of {@link TimeChart}. */
export interface TimeChartProps {
  /** x values (seconds since the epoch for time axes) then one array per series, as uPlot takes them. */
  data: uPlot.AlignedData;
  /** Every series after x: label, colour, scale, points-only and so on. */
  series: uPlot.Series[];
  axes?: uPlot.Axis[];
  scales?: uPlot.Scales;
  /** Shaded x ranges (e.g. incidents), drawn behind the lines. */
  spans?: Array<[number, number]>;
  /** Whether x is time (default) or a plain number (epochs). */
  time?: boolean;
  height?: number;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string;
  /** The x range to show (a zoom); null or absent shows all the data. */
  xRange?: [number, number] | null;
  /** Called when the user drags over a range (zoom in) or double-clicks (null: show everything). */
  onZoom?: (range: [number, number] | null) => void;
}

const SPAN_FILL = 'rgba(220, 38, 38, 0.12)';
/** Seconds shown either side of a lone point on a time axis (uPlot would show about 1000 days after it). */
const LONE_POINT_PAD = 1800;

/**
 * Draws `data`; later renders update the same chart (no flicker, zoom kept while x keeps its range).
 * @example <TimeChart label="cpu.web-1 values" data={[xs, ys]} series={[{ label: 'value', stroke: '#2563eb' }]} />
 */
export function TimeChart(props: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const shape = JSON.stringify([props.series.map((s) => [s.label, s.scale]), props.time, props.height]);
  const time = props.time ?? true;
  // The x range on screen, said to screen readers (the canvas says nothing) and kept as data for tests.
  const [shown, setShown] = useState<[number, number] | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const options: uPlot.Options = {
      width: Math.max(el.clientWidth, 300),
      height: props.height ?? 260,
      scales: { x: { time: props.time ?? true }, ...props.scales },
      series: [{ label: props.time === false ? 'epoch' : 'time' }, ...props.series],
      axes: props.axes,
      // The zoom is the caller's state (xRange), so a drag only reports the range it covers.
      cursor: { drag: { x: true, y: false, setScale: false } },
      legend: { live: true },
      hooks: {
        drawClear: [(u) => drawSpans(u, latest.current.spans ?? [])],
        setScale: [
          (u, key) => {
            const { min, max } = u.scales.x ?? {};
            if (key === 'x' && min != null && max != null) setShown([min, max]);
          },
        ],
        setSelect: [
          (u) => {
            if (u.select.width < 3) return;
            const min = u.posToVal(u.select.left, 'x');
            const max = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            latest.current.onZoom?.([min, max]);
          },
        ],
      },
    };
    const plot = new uPlot(options, props.data, el);
    chart.current = plot;
    plot.over.addEventListener('dblclick', () => latest.current.onZoom?.(null));
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(el.clientWidth, 300), height: props.height ?? 260 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // Rebuilt only when the series change shape; data changes go through setData below.
  }, [shape]);

  const [from, to] = props.xRange ?? [null, null];
  useEffect(() => {
    const plot = chart.current;
    if (!plot) return;
    plot.setData(props.data, from === null);
    const xs = props.data[0];
    if (from !== null && to !== null) plot.setScale('x', { min: from, max: to });
    // One point on a time axis: an hour around it, not the years uPlot's own single-value range spans.
    else if (time && xs.length === 1 && xs[0] !== undefined)
      plot.setScale('x', { min: xs[0] - LONE_POINT_PAD, max: xs[0] + LONE_POINT_PAD });
  }, [props.data, props.spans, from, to]);

  const say = (x: number) => (time ? new Date(x * 1000).toLocaleString() : String(Number(x.toPrecision(4))));
  return (
    <div
      ref={box}
      class="chart"
      role="img"
      aria-label={shown ? `${props.label} (from ${say(shown[0])} to ${say(shown[1])})` : props.label}
      data-x-from={shown?.[0]}
      data-x-to={shown?.[1]}
    />
  );
}

function drawSpans(u: uPlot, spans: Array<[number, number]>): void {
  if (spans.length === 0) return;
  const { ctx } = u;
  const { top, height } = u.bbox;
  ctx.save();
  ctx.fillStyle = SPAN_FILL;
  for (const [from, to] of spans) {
    const left = u.valToPos(from, 'x', true);
    const right = u.valToPos(to, 'x', true);
    // A one-point incident still gets a visible band.
    ctx.fillRect(left, top, Math.max(right - left, 3 * devicePixelRatio), height);
  }
  ctx.restore();
}
