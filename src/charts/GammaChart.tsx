/**
 * The γ(x; n, s) curve over x ∈ [−xr, xr], with optional overlays γ′, ∂γ/∂n, ∂γ/∂s (on a right-hand
 * axis when their scale differs a lot from γ's), faint labelled ghosts of the four landmarks, and a
 * hover read-out. The legend doubles as the overlay switches when `onToggle` is given.
 */
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { scaleLinear, line } from 'd3';
import { gamma, gammaGrad } from '../core/gamma';
import { Axis } from './axes/Axis';
import { useWidth } from './axes/useWidth';
import { fmtFixed } from './axes/format';
import { DERIVATIVES, gammaSeries, ghostSeries, yDomains, type Overlay } from './gamma/gammaSeries';
import { GhostCurves } from './gamma/GhostCurves';
import { GammaLegend, OVERLAY_INFO, type LegendFlag } from './gamma/GammaLegend';
import parts from './shared/chartParts.module.css';
import styles from './gamma/gammaChart.module.css';

export type { LegendFlag };

export interface GammaChartProps {
  n: number;
  s: number;
  /** Half-width of the x axis. */
  xr: number;
  /** Overlays drawn: any of 'dx', 'dn', 'ds', 'ghosts'. */
  show: readonly string[];
  onToggle?: (flag: LegendFlag, on: boolean) => void;
  /** Ctrl/⌘ + wheel (or a trackpad pinch) zooms x; the chart reports the new half-width. */
  onXrChange?: (xr: number) => void;
  xrBounds?: [number, number];
  /** Fixed height in px; by default it follows the width. */
  height?: number;
}

/** Performance mark set once, when the first γ curve is about to be painted (benchmarks read it). */
export const FIRST_CURVE_MARK = 'gamma-first-curve';

const M = { top: 14, right: 18, bottom: 46, left: 48 };
const M_RIGHT_SECONDARY = 56;
const XR_BOUNDS: [number, number] = [0.5, 50];

function GammaChartImpl({ n, s, xr, show, onToggle, onXrChange, xrBounds = XR_BOUNDS, height }: GammaChartProps) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const clipId = useId();
  const [hoverX, setHoverX] = useState<number | null>(null);

  const ghostsOn = show.includes('ghosts');
  const overlays = DERIVATIVES.filter((o) => show.includes(o));
  const series = useMemo(() => gammaSeries(n, s, xr), [n, s, xr]);
  const ghosts = useMemo(() => ghostSeries(xr), [xr]);
  const domains = yDomains(series, xr, ghostsOn, overlays);

  const H = height ?? Math.round(Math.min(460, Math.max(250, width * 0.62)));
  const m = { ...M, right: domains.secondary ? M_RIGHT_SECONDARY : M.right };
  const iw = Math.max(10, width - m.left - m.right);
  const ih = Math.max(10, H - m.top - m.bottom);
  const xs = useMemo(() => scaleLinear().domain([-xr, xr]).range([0, iw]), [xr, iw]);
  const [p0, p1] = domains.primary;
  const ys = useMemo(() => scaleLinear().domain([p0, p1]).range([ih, 0]), [p0, p1, ih]);
  const sec = domains.secondary;
  const hasSec = sec !== null;
  const [q0, q1] = sec ?? [0, 1];
  const ys2 = useMemo(() => (hasSec ? scaleLinear().domain([q0, q1]).range([ih, 0]) : null), [hasSec, q0, q1, ih]);

  // One d3 line generator per x scale; 0.1 px precision keeps the path strings short.
  const idx = useMemo(() => Array.from(series.x, (_, i) => i), [series]);
  const pathOf = (ys_: (v: number) => number, values: Float64Array) =>
    line<number>()
      .digits(1)
      .x((i) => xs(series.x[i]))
      .y((i) => ys_(values[i]))(idx) ?? '';

  const gammaPath = pathOf(ys, series.gamma);
  const overlayScale = ys2 ?? ys;

  // Mark the first paint of a curve for the page benchmark (a rAF runs just before that paint).
  const drawn = width > 0;
  useLayoutEffect(() => {
    if (!drawn || performance.getEntriesByName(FIRST_CURVE_MARK).length > 0) return;
    requestAnimationFrame(() => {
      if (performance.getEntriesByName(FIRST_CURVE_MARK).length === 0) performance.mark(FIRST_CURVE_MARK);
    });
  }, [drawn]);

  // Wheel zoom needs a non-passive listener (to keep the page from zooming too).
  useEffect(() => {
    const el = svgRef.current;
    if (!el || !onXrChange) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const next = Math.min(xrBounds[1], Math.max(xrBounds[0], xr * Math.exp(e.deltaY * 0.002)));
      onXrChange(Number(next.toPrecision(3)));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [xr, onXrChange, xrBounds, drawn]);

  // Not measured yet: the layout effect measures and re-renders before anything is painted.
  if (!drawn) return <div className={styles.gammaChart} ref={wrapRef} data-testid="gamma-chart" />;

  const onPointer = (e: React.PointerEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setHoverX(xs.invert(Math.min(iw, Math.max(0, e.clientX - r.left))));
  };

  return (
    <div className={styles.gammaChart} ref={wrapRef} data-testid="gamma-chart">
      <svg
        ref={svgRef}
        width={width}
        height={H}
        role="img"
        aria-label={`γ(x; n = ${n}, s = ${s}) for x from −${xr} to ${xr}`}
        data-testid="gamma-svg"
        data-x-domain={`${-xr},${xr}`}
        data-y-domain={`${p0},${p1}`}
        data-y2-domain={sec ? `${sec[0]},${sec[1]}` : undefined}
        data-plot={`${m.left},${m.top},${iw},${ih}`}
      >
        <defs>
          <clipPath id={clipId}>
            <rect width={iw} height={ih} />
          </clipPath>
        </defs>
        <g transform={`translate(${m.left},${m.top})`}>
          <Axis scale={xs} orient="bottom" transform={`translate(0,${ih})`} grid={ih} label="input x" testId="gamma-x-axis" />
          <Axis
            scale={ys}
            orient="left"
            grid={iw}
            label={sec ? 'γ(x)' : overlays.length ? 'γ(x) and derivatives' : 'output γ(x)'}
            testId="gamma-y-axis"
          />
          {ys2 && (
            <Axis scale={ys2} orient="right" transform={`translate(${iw},0)`} label="derivatives" testId="gamma-y2-axis" />
          )}
          <line className={styles.zeroLine} x1={0} x2={iw} y1={ys(0)} y2={ys(0)} />
          <line className={styles.zeroLine} x1={xs(0)} x2={xs(0)} y1={0} y2={ih} />
          <g clipPath={`url(#${clipId})`}>
            {ghostsOn && <GhostCurves ghosts={ghosts} xr={xr} xs={xs} ys={ys} />}
            {overlays.map((o) => (
              <path
                key={o}
                className={styles.overlayPath}
                d={pathOf(overlayScale, series[o])}
                style={{ stroke: OVERLAY_INFO[o].color }}
                strokeDasharray={OVERLAY_INFO[o].dash}
                data-testid={`gamma-${o}`}
              />
            ))}
            <path className={styles.gammaPath} d={gammaPath} data-testid="gamma-path" />
            {hoverX !== null && (
              <HoverMarks x={hoverX} n={n} s={s} xs={xs} ys={ys} ys2={overlayScale} overlays={overlays} ih={ih} />
            )}
          </g>
          <rect
            className={parts.hoverCatcher}
            width={iw}
            height={ih}
            onPointerMove={onPointer}
            onPointerDown={onPointer}
            onPointerLeave={() => setHoverX(null)}
          />
        </g>
      </svg>
      {hoverX !== null && <HoverReadout x={hoverX} n={n} s={s} left={m.left + xs(hoverX)} width={width} />}
      <GammaLegend show={show} onToggle={onToggle} secondary={!!sec} />
    </div>
  );
}

interface HoverProps {
  x: number;
  n: number;
  s: number;
  xs: (v: number) => number;
  ys: (v: number) => number;
  ys2: (v: number) => number;
  overlays: readonly Overlay[];
  ih: number;
}

function HoverMarks({ x, n, s, xs, ys, ys2, overlays, ih }: HoverProps) {
  const g = gammaGrad(x, n, s);
  const px = xs(x);
  return (
    <g pointerEvents="none">
      <line x1={px} x2={px} y1={0} y2={ih} className={parts.hoverRule} />
      {overlays.map((o) => (
        <circle key={o} cx={px} cy={ys2(g[o])} r={3.5} style={{ fill: OVERLAY_INFO[o].color }} />
      ))}
      <circle cx={px} cy={ys(gamma(x, n, s))} r={4.5} className={styles.hoverDot} />
    </g>
  );
}

function HoverReadout({ x, n, s, left, width }: { x: number; n: number; s: number; left: number; width: number }) {
  const g = gammaGrad(x, n, s);
  const flip = left > width * 0.6;
  return (
    <div
      className={styles.hoverReadout}
      data-testid="gamma-hover"
      style={flip ? { right: width - left + 10 } : { left: left + 10 }}
      aria-live="off"
    >
      <div>x = {fmtFixed(x, 3)}</div>
      <div className={styles.hrGamma}>γ = {fmtFixed(gamma(x, n, s), 4)}</div>
      <div style={{ color: OVERLAY_INFO.dx.color }}>γ′ = {fmtFixed(g.dx, 4)}</div>
      <div style={{ color: OVERLAY_INFO.dn.color }}>∂γ/∂n = {fmtFixed(g.dn, 4)}</div>
      <div style={{ color: OVERLAY_INFO.ds.color }}>∂γ/∂s = {fmtFixed(g.ds, 4)}</div>
    </div>
  );
}

export const GammaChart = memo(GammaChartImpl);
export default GammaChart;
