/**
 * Training loss (raw, faint, and smoothed), test evaluations, and accuracy on a small panel
 * below with the same step axis. The chance level (the best input-blind guess) is a dashed
 * baseline. The DOM has a fixed number of elements however long the run: every series is one
 * path over a decimated series, test points are sub-paths of one path.
 */
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { bisector, line, scaleLinear, scaleLog } from 'd3';
import type { SeriesPoints } from '../core/decimate';
import type { RunHistory } from '../state/runStore';
import { Axis } from './axes/Axis';
import { useWidth } from './axes/useWidth';
import { fmt3 } from './axes/format';
import { ExportMenu } from './ExportMenu';
import type { FigureData } from './exportFormat';
import { pixelThin, strokeSeries } from './train/seriesPixels';
import { prepareCanvas, readVar, useSchemeVersion } from './train/themeColors';
import './train/trainCharts.css';

export interface LossChartProps {
  run: RunHistory;
  /** The run's version: a new value redraws. */
  version: number;
  /** Loss of the best input-blind guess (TaskInfo.chanceLoss). */
  chanceLoss?: number;
  chanceAcc?: number;
  /** What the baseline is called ("chance", "uniform guess"). */
  chanceLabel?: string;
  /** Fixed height of the loss panel; by default it follows the width. */
  height?: number;
}

const M = { top: 12, right: 16, bottom: 40, left: 54 };
const ACC_H = 84;
const GAP = 34;

/** A smooth series as an SVG path, one point per pixel column (see seriesPixels.ts). */
function linePath(p: SeriesPoints, x: (v: number) => number, y: (v: number) => number): string {
  return line<number>().x((i) => x(p.x[i])).y((i) => y(p.y[i]))(pixelThin(p, x)) ?? '';
}

/** Opacity of the raw per-step series (the faint trace under the smoothed curve). */
const RAW_ALPHA = 0.22;

/** Many small circles as one path: one element however many points. */
function dotsPath(pts: { x: number; y: number }[], r: number): string {
  let d = '';
  for (const p of pts) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    d += `M${(p.x - r).toFixed(1)},${p.y.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
  return d;
}

/** Finite values in ascending order (for quantiles: a y range that ignores rare spikes). */
function sortedFinite(values: Float64Array): Float64Array {
  return Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();
}

/** The value at quantile q of ascending values, NaN when there are none. */
function quantile(sorted: Float64Array, q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
}

function quarterDecadeCeil(v: number): number {
  const q = 10 ** Math.floor(Math.log10(v)) / 4;
  return Math.ceil(v / q) * q;
}

function finiteMax(values: Float64Array): number {
  let m = NaN;
  for (const v of values) if (Number.isFinite(v) && !(v <= m)) m = v;
  return m;
}

function LossChartImpl({ run, version, chanceLoss, chanceAcc, chanceLabel = 'chance', height }: LossChartProps) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const figRef = useRef<HTMLDivElement>(null);
  const clipId = useId();
  const [logY, setLogY] = useState(false);
  const [hover, setHover] = useState<number | null>(null);

  const H1 = height ?? Math.round(Math.min(260, Math.max(170, width * 0.36)));
  const iw = Math.max(10, width - M.left - M.right);
  const totalH = M.top + H1 + GAP + ACC_H + M.bottom;

  // The run object is mutated in place; `version` says when its contents changed.
  const view = useMemo(() => {
    const loss = run.loss.points();
    const smooth = run.lossSmooth.points();
    const acc = run.acc.points();
    const accSmooth = run.accSmooth.points();
    const tests = run.tests.all().map((f) => f.value);
    return { loss, smooth, acc, accSmooth, tests, step: run.step, lossSorted: sortedFinite(loss.y.subarray(0, loss.length)) };
  }, [run, version]);

  const empty = view.loss.length === 0;
  const x0 = empty ? 0 : view.loss.x[0];
  // The step axis ends at the next quarter-decade mark rather than at the newest step, so axes and
  // grid lines stay put between updates and only the curves are redrawn.
  const x1 = empty ? 100 : quarterDecadeCeil(Math.max(view.loss.x[view.loss.length - 1], x0 + 10));
  const xs = scaleLinear().domain([x0, x1]).range([0, iw]);

  const top = Math.max(
    quantile(view.lossSorted, 0.99) || 0,
    finiteMax(view.smooth.y.subarray(0, view.smooth.length)) || 0,
    chanceLoss && Number.isFinite(chanceLoss) ? chanceLoss : 0,
    ...view.tests.map((t) => (Number.isFinite(t.loss) ? t.loss : 0)),
    1e-3,
  );
  const bottom = Math.max(1e-4, Math.min(quantile(view.lossSorted, 0.005) || top / 100, ...view.tests.map((t) => t.loss).filter((v) => v > 0)));
  const ys = logY
    ? scaleLog().domain([bottom * 0.8, top * 1.25]).range([H1, 0]).clamp(true)
    : scaleLinear().domain([0, top * 1.05]).range([H1, 0]).nice().clamp(true);
  const ya = scaleLinear().domain([0, 1]).range([ACC_H, 0]);

  const hoverInfo = useMemo(() => {
    if (hover === null || empty) return null;
    const bis = bisector((v: number) => v).center;
    const pick = (p: SeriesPoints) => (p.length ? p.y[bis(p.x, hover)] : NaN);
    const i = bis(view.loss.x, hover);
    return { step: view.loss.x[i], loss: pick(view.smooth), raw: view.loss.y[i], acc: pick(view.accSmooth) };
  }, [hover, empty, view]);

  const data = (): FigureData => {
    const rows: (string | number)[][] = [];
    const add = (name: string, p: SeriesPoints) => {
      for (let i = 0; i < p.length; i++) rows.push([name, p.x[i], p.y[i]]);
    };
    add('loss', view.loss);
    add('loss_smoothed', view.smooth);
    add('accuracy', view.acc);
    add('accuracy_smoothed', view.accSmooth);
    for (const t of view.tests) rows.push(['test_loss', t.step, t.loss], ['test_accuracy', t.step, t.acc]);
    return { columns: ['series', 'step', 'value'], rows };
  };

  const onPointer = (e: React.PointerEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setHover(xs.invert(Math.min(iw, Math.max(0, e.clientX - r.left))));
  };

  // The noisy per-step series go on a canvas under the SVG: thousands of points per update would
  // otherwise be serialised into path strings (the export helper embeds the canvas as an image).
  const rawRef = useRef<HTMLCanvasElement>(null);
  const scheme = useSchemeVersion();
  // Read once per colour scheme: getComputedStyle on every update would force a style recalc.
  const rawColour = useMemo(() => readVar('--c-train'), [scheme]);
  const lossY = (v: number) => ys(Math.max(v, 1e-12));
  useEffect(() => {
    const canvas = rawRef.current;
    const ctx = canvas && prepareCanvas(canvas, width, totalH);
    if (!ctx) return;
    ctx.strokeStyle = rawColour;
    ctx.globalAlpha = RAW_ALPHA;
    ctx.lineWidth = 1;
    const panel = (top: number, h: number, draw: () => void) => {
      ctx.save();
      ctx.beginPath();
      ctx.rect(M.left, top, iw, h);
      ctx.clip();
      ctx.translate(M.left, top);
      draw();
      ctx.restore();
    };
    panel(M.top, H1, () => strokeSeries(ctx, view.loss, xs, lossY));
    panel(M.top + H1 + GAP, ACC_H, () => strokeSeries(ctx, view.acc, xs, ya));
    // xs, ys and ya are rebuilt every render from the values listed here.
  }, [view, width, totalH, iw, H1, logY, rawColour]);

  const pointCount = view.loss.length + view.smooth.length + view.acc.length + view.accSmooth.length;
  const testDots = view.tests.map((t) => ({ x: xs(t.step), y: ys(Math.max(t.loss, 1e-12)) }));
  const testAccDots = view.tests.map((t) => ({ x: xs(t.step), y: ya(t.acc) }));
  const last = view.tests[view.tests.length - 1];

  return (
    <div className="train-fig loss-chart" ref={figRef} data-testid="loss-chart">
      <div className="fig-head">
        <h3 className="fig-title" data-export="html">Loss and accuracy</h3>
        <label className="fig-toggle" data-export="skip">
          <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} data-testid="loss-log-toggle" /> log scale
        </label>
        <ExportMenu target={figRef} name="loss" title="Training loss and accuracy" data={data} embed="loss" />
      </div>
      <div className="fig-body" ref={wrapRef}>
        <canvas ref={rawRef} className="series-raw-canvas" data-testid="loss-raw" aria-hidden="true" />
        <svg
          width={width}
          height={totalH}
          role="img"
          aria-label={empty ? 'Loss chart: no training steps yet' : `Loss over ${view.step} steps${last ? `; last test accuracy ${(last.acc * 100).toFixed(1)} %` : ''}`}
          data-testid="loss-svg"
          data-points={pointCount}
          data-tests={view.tests.length}
          data-step={view.step}
        >
          <defs>
            <clipPath id={clipId}>
              <rect width={iw} height={H1} />
            </clipPath>
          </defs>
          <g transform={`translate(${M.left},${M.top})`}>
            <Axis scale={ys} orient="left" grid={iw} ticks={logY ? 4 : 5} label={logY ? 'loss (log)' : 'loss'} testId="loss-y-axis" />
            <Axis scale={xs} orient="bottom" transform={`translate(0,${H1})`} ticks={Math.max(2, Math.floor(iw / 90))} />
            <g clipPath={`url(#${clipId})`}>
              {chanceLoss !== undefined && Number.isFinite(chanceLoss) && (
                <g data-testid="loss-chance" data-value={chanceLoss}>
                  <line className="chance-line" x1={0} x2={iw} y1={ys(chanceLoss)} y2={ys(chanceLoss)} />
                  <text className="chance-label" x={iw - 4} y={ys(chanceLoss) - 4} textAnchor="end">
                    {chanceLabel} {fmt3(chanceLoss)}
                  </text>
                </g>
              )}
              <path className="series-smooth" d={linePath(view.smooth, xs, lossY)} data-testid="loss-smooth" />
              <path className="test-dots" d={dotsPath(testDots, 3)} data-testid="loss-tests" />
            </g>
            <g transform={`translate(0,${H1 + GAP})`}>
              <Axis scale={ya} orient="left" ticks={[0, 0.5, 1]} format={(v) => `${Math.round(v * 100)}%`} grid={iw} label="accuracy" />
              <Axis scale={xs} orient="bottom" transform={`translate(0,${ACC_H})`} ticks={Math.max(2, Math.floor(iw / 90))} label="training step" />
              {chanceAcc !== undefined && <line className="chance-line" x1={0} x2={iw} y1={ya(chanceAcc)} y2={ya(chanceAcc)} data-testid="acc-chance" data-value={chanceAcc} />}
              <path className="series-smooth acc" d={linePath(view.accSmooth, xs, ya)} data-testid="acc-smooth" />
              <path className="test-dots" d={dotsPath(testAccDots, 3)} data-testid="acc-tests" />
            </g>
            {hoverInfo && (
              <line className="hover-rule" x1={xs(hoverInfo.step)} x2={xs(hoverInfo.step)} y1={0} y2={H1 + GAP + ACC_H} data-export="skip" />
            )}
            {empty && (
              <text className="empty-note" x={iw / 2} y={H1 / 2} textAnchor="middle">
                No steps yet — press play to train.
              </text>
            )}
            <rect className="hover-catcher" width={iw} height={H1 + GAP + ACC_H} onPointerMove={onPointer} onPointerDown={onPointer} onPointerLeave={() => setHover(null)} />
          </g>
        </svg>
        {hoverInfo && (
          <div className="fig-readout" data-testid="loss-hover" data-export="skip" style={xs(hoverInfo.step) > iw * 0.6 ? { right: width - M.left - xs(hoverInfo.step) + 10 } : { left: M.left + xs(hoverInfo.step) + 10 }}>
            <div>step {Math.round(hoverInfo.step)}</div>
            <div>loss {fmt3(hoverInfo.loss)} <span className="muted">(raw {fmt3(hoverInfo.raw)})</span></div>
            <div>accuracy {(hoverInfo.acc * 100).toFixed(1)} %</div>
          </div>
        )}
      </div>
      <p className="fig-legend" data-export="html">
        <span className="key key-raw" /> loss per step <span className="key key-smooth" /> smoothed <span className="key key-test" /> test set
        {chanceLoss !== undefined && (
          <>
            {' '}
            <span className="key key-chance" /> {chanceLabel}
          </>
        )}
      </p>
    </div>
  );
}

export const LossChart = memo(LossChartImpl);
export default LossChart;
