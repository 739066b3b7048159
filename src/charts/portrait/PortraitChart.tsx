/**
 * Phase portrait of the trained network: the hidden-state trajectories of fixed probe sequences
 * projected on their principal components (a pair chosen by the reader), coloured by class or by
 * time along the sequence, the current (last) point of each emphasised. A new portrait animates
 * in from the previous one unless the reader prefers reduced motion.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { interpolateViridis, scaleLinear, schemeTableau10 } from 'd3';
import { frameAt, type Frame } from '../../core/thinningLog';
import type { ProbePortrait } from '../../engine/protocol';
import { Axis } from '../axes/Axis';
import { useWidth } from '../axes/useWidth';
import type { CsvSettings, FigureData } from '../exportFormat';
import { FigureFrame } from '../frame/FigureFrame';
import { alignSigns, blend, pairExtent } from './portraitMath';
import { prefersReducedMotion, prepareCanvas, useCssVar } from '../shared/themeColors';
import parts from '../shared/chartParts.module.css';
import styles from './portrait.module.css';

export interface PortraitChartProps {
  /** The run's portraits through training (oldest first). */
  frames: readonly Frame<ProbePortrait>[];
  /** Step to show (null: the newest portrait). */
  time?: number | null;
  /** Which components: 0 → PC1·PC2, 1 → PC1·PC3, 2 → PC2·PC3. */
  pair: number;
  onPair: (pair: number) => void;
  colorBy: 'class' | 'time';
  onColorBy: (c: 'class' | 'time') => void;
  settings?: CsvSettings;
}

const PAIRS: [number, number][] = [
  [0, 1],
  [0, 2],
  [1, 2],
];
const M = { top: 10, right: 12, bottom: 42, left: 48 };
const ANIM_MS = 450;

function PortraitChartImpl({ frames, time = null, pair, onPair, colorBy, onColorBy, settings }: PortraitChartProps) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  const frame = useMemo(() => (time === null ? (frames[frames.length - 1] ?? null) : frameAt(frames, time)), [frames, time]);
  const portrait: ProbePortrait | null = frame?.value ?? null;

  // Keep signs consistent with the portrait shown before (principal axes have no sign of their
  // own), and animate from it: adjusted while rendering when a new portrait arrives.
  const [shown, setShown] = useState<{ src: ProbePortrait | null; proj: Float32Array | null }>({ src: null, proj: null });
  let current = shown;
  if (portrait !== shown.src) {
    const prev = shown.src && shown.proj ? { ...shown.src, proj: shown.proj } : null;
    current = { src: portrait, proj: portrait ? alignSigns(prev, portrait) : null };
    setShown(current);
  }
  const aligned = current.proj;
  /** What the canvas last drew (effects only): a new portrait animates from it. */
  const drawn = useRef<Float32Array | null>(null);
  const size = Math.max(200, Math.min(width, 440));
  const iw = size - M.left - M.right;
  const ih = iw;
  const [cx, cy] = portrait && portrait.dims < 3 ? PAIRS[0] : PAIRS[pair];
  const ext = useMemo(() => (aligned && portrait ? pairExtent(aligned, portrait.dims, cx, cy) : { x: [-1, 1] as [number, number], y: [-1, 1] as [number, number] }), [aligned, portrait, cx, cy]);
  // Stable scales: the draw effect depends on them and must not restart on unrelated renders.
  const xs = useMemo(() => scaleLinear().domain(ext.x).range([0, iw]), [ext, iw]);
  const ys = useMemo(() => scaleLinear().domain(ext.y).range([ih, 0]), [ext, ih]);
  const hasLabels = !!portrait && Array.from(portrait.labels).some((l) => l >= 0);
  const mode = hasLabels ? colorBy : 'time';

  // Read once per colour scheme: getComputedStyle in every draw would force a style recalc.
  const ringColor = useCssVar('--bg-raised', '#fff');
  const [animating, setAnimating] = useState(false);

  // Draws the canvas, animating from the previous portrait: the loop repaints only the canvas,
  // React renders once at the start and once at the end (for data-animating).
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const prevProj = drawn.current;
    drawn.current = aligned;
    const draw = (from: Float32Array | null, k: number) => {
      const ctx = prepareCanvas(canvas, iw, ih);
      if (!ctx || !portrait || !aligned) return;
      const proj = blend(from, aligned, k);
      const { probes, steps, dims } = portrait;
      const X = (i: number) => xs(proj[i + cx]);
      const Y = (i: number) => ys(proj[i + cy]);
      ctx.lineWidth = 1.2;
      ctx.lineJoin = 'round';
      for (let p = 0; p < probes; p++) {
        const base = p * steps * dims;
        const cls = portrait.labels[p];
        if (mode === 'class') {
          ctx.strokeStyle = schemeTableau10[((cls % 10) + 10) % 10];
          ctx.globalAlpha = 0.55;
          ctx.beginPath();
          for (let q = 0; q < steps; q++) {
            const i = base + q * dims;
            if (q === 0) ctx.moveTo(X(i), Y(i));
            else ctx.lineTo(X(i), Y(i));
          }
          ctx.stroke();
        } else {
          ctx.globalAlpha = 0.6;
          for (let q = 1; q < steps; q++) {
            const i0 = base + (q - 1) * dims;
            const i1 = base + q * dims;
            ctx.strokeStyle = interpolateViridis(q / Math.max(1, steps - 1));
            ctx.beginPath();
            ctx.moveTo(X(i0), Y(i0));
            ctx.lineTo(X(i1), Y(i1));
            ctx.stroke();
          }
        }
      }
      // The current point of each probe: its state at the last step, outlined.
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = ringColor;
      for (let p = 0; p < probes; p++) {
        const i = (p * steps + steps - 1) * dims;
        const cls = portrait.labels[p];
        ctx.fillStyle = mode === 'class' ? schemeTableau10[((cls % 10) + 10) % 10] : interpolateViridis(1);
        ctx.beginPath();
        ctx.arc(X(i), Y(i), 4.5, 0, Math.PI * 2);
        ctx.fill();
        ctx.stroke();
      }
    };
    const isNew = !!aligned && prevProj !== aligned;
    if (!isNew || !prevProj || !aligned || prevProj.length !== aligned.length || prefersReducedMotion() || time !== null) {
      draw(null, 1);
      setAnimating(false);
      return;
    }
    const start = performance.now();
    let raf = 0;
    const tick = () => {
      const k = Math.min(1, (performance.now() - start) / ANIM_MS);
      draw(prevProj, k);
      if (k < 1) raf = requestAnimationFrame(tick);
      else setAnimating(false);
    };
    setAnimating(true);
    draw(prevProj, 0);
    raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(raf);
      // Interrupted (a newer portrait, a resize): the next run starts from what was fully shown.
    };
  }, [portrait, aligned, time, iw, ih, cx, cy, mode, ringColor, xs, ys]);

  const ev = portrait?.explained;
  const axisLabel = (c: number) => `PC${c + 1}${ev && ev.length > c ? ` (${(ev[c] * 100).toFixed(0)}% of variance)` : ''}`;
  const classes = hasLabels ? [...new Set(Array.from(portrait!.labels).filter((l) => l >= 0))].sort((a, b) => a - b) : [];
  // Legend entries share the plot's width, so ten classes fit on a phone too.
  const legendStep = Math.min(34, (size - M.left) / Math.max(1, classes.length));

  const data = (): FigureData => {
    if (!portrait || !aligned) return { columns: ['probe', 'label', 'step', 'pc1', 'pc2', 'pc3'], rows: [] };
    const rows: (number | string)[][] = [];
    const { probes, steps, dims } = portrait;
    for (let p = 0; p < probes; p++)
      for (let k = 0; k < steps; k++) {
        const i = (p * steps + k) * dims;
        rows.push([p, portrait.labels[p], k, ...Array.from({ length: 3 }, (_, d) => (d < dims ? aligned[i + d] : ''))]);
      }
    return { columns: ['probe', 'label', 'step', 'pc1', 'pc2', 'pc3'], rows };
  };

  return (
    <FigureFrame
      name="portrait"
      title="Hidden-state portrait"
      testId="portrait-chart"
      embed="portrait"
      data={data}
      settings={settings}
      tools={
        <div className={parts.figControls}>
          <label>
            components{' '}
            <select value={pair} onChange={(e) => onPair(Number(e.target.value))} disabled={!!portrait && portrait.dims < 3} data-testid="portrait-pair">
              {PAIRS.map(([a, b], i) => (
                <option key={i} value={i}>
                  PC{a + 1} · PC{b + 1}
                </option>
              ))}
            </select>
          </label>
          <label>
            colour by{' '}
            <select value={mode} onChange={(e) => onColorBy(e.target.value as 'class' | 'time')} disabled={!hasLabels} data-testid="portrait-color">
              <option value="class">class</option>
              <option value="time">time in sequence</option>
            </select>
          </label>
        </div>
      }
    >
      <div className={`${parts.figBody} ${parts.planeBody}`} ref={wrapRef}>
        <div className={parts.planeStack} style={{ width: size, height: size }}>
          <canvas ref={canvasRef} style={{ left: M.left, top: M.top }} data-testid="portrait-canvas" aria-hidden="true" />
          <svg width={size} height={size} role="img" data-testid="portrait-svg" data-step={frame?.step ?? ''} data-animating={animating ? 'true' : 'false'}
            aria-label={portrait ? `Trajectories of ${portrait.probes} probe sequences on ${axisLabel(cx)} and ${axisLabel(cy)}, step ${frame?.step}` : 'No portrait yet'}>
            <g transform={`translate(${M.left},${M.top})`}>
              <rect className={styles.plotFrame} width={iw} height={ih} />
              <Axis scale={xs} orient="bottom" transform={`translate(0,${ih})`} ticks={4} label={axisLabel(cx)} />
              <Axis scale={ys} orient="left" ticks={4} label={axisLabel(cy)} />
              {!portrait && (
                <text className={parts.emptyNote} x={iw / 2} y={ih / 2} textAnchor="middle">
                  The portrait appears at the first test evaluation.
                </text>
              )}
            </g>
          </svg>
        </div>
        <svg className={styles.legend} width={size} height={22} data-testid="portrait-legend">
          {mode === 'class'
            ? classes.map((c, i) => (
                <g key={c} transform={`translate(${M.left + i * legendStep},11)`}>
                  <circle r={5} style={{ fill: schemeTableau10[c % 10] }} />
                  <text x={8} dy="0.32em">{c}</text>
                </g>
              ))
            : [0, 0.25, 0.5, 0.75, 1].map((k, i) => (
                <g key={k} transform={`translate(${M.left + i * 48},11)`}>
                  <rect x={-5} y={-5} width={10} height={10} style={{ fill: interpolateViridis(k) }} />
                  <text x={10} dy="0.32em">{i === 0 ? 'start' : i === 4 ? 'end' : ''}</text>
                </g>
              ))}
        </svg>
      </div>
    </FigureFrame>
  );
}

export const PortraitChart = memo(PortraitChartImpl);
export default PortraitChart;
