/**
 * Phase plane of a 2-neuron network with the γ activation, reshaping live as n and s move:
 * the vector field (canvas arrows), the two nullclines (d3-contour of each component of
 * F(h) − h at 0), the fixed points (filled: stable, open: unstable, half: saddle) and a few
 * trajectories. The reader picks a preset network and the dynamics (continuous flow or the map).
 * While n and s move (a drag) the plane is computed at a coarse resolution, a few times cheaper;
 * the full resolution follows once they rest for SETTLE_MS.
 */
import { memo, useEffect, useId, useMemo, useRef } from 'react';
import { contours, geoPath, geoTransform, line, scaleLinear } from 'd3';
import { PRESETS, fixedPoints, sampleField, trajectory, viewBox, type Dynamics, type FixedPoint, type PresetId, type Vec2 } from '../../core/phasePlane';
import { Axis } from '../axes/Axis';
import { useWidth } from '../axes/useWidth';
import { fmt3 } from '../axes/format';
import { FigureFrame } from '../frame/FigureFrame';
import type { FigureData } from '../exportFormat';
import { prepareCanvas, useCssVar } from '../shared/themeColors';
import { FixedPointGlyph } from './FixedPointGlyph';
import { useSettled } from '../shared/useSettled';
import parts from '../shared/chartParts.module.css';
import styles from './phasePlane.module.css';

export interface PhasePlaneChartProps {
  n: number;
  s: number;
  /** The network and the dynamics shown; the reader changes both through onPreset / onDynamics. */
  preset: PresetId;
  dynamics: Dynamics;
  onPreset: (p: PresetId) => void;
  onDynamics: (d: Dynamics) => void;
}

const M = { top: 30, right: 14, bottom: 42, left: 46 };
const ARROWS = 17;

/** How finely the plane is computed: contour samples per side, Newton seeds per side, integration. */
interface Resolution {
  grid: number;
  seeds: number;
  flowSteps: number;
  dt: number;
  mapSteps: number;
}
/** At rest. The flow's trajectories span the same time (75) in both: fewer, longer RK4 steps. */
const FINE: Resolution = { grid: 90, seeds: 13, flowSteps: 1500, dt: 0.05, mapSteps: 80 };
/** While n and s move. */
const COARSE: Resolution = { grid: 40, seeds: 7, flowSteps: 300, dt: 0.25, mapSteps: 80 };
/** Rest time after which the full resolution is drawn. */
const SETTLE_MS = 150;

interface Plane {
  box: { x0: number; x1: number; y0: number; y1: number };
  fps: FixedPoint[];
  null1: string;
  null2: string;
  field: { u: Float64Array; v: Float64Array };
  trajectories: Vec2[][];
}

function computePlane(presetId: PresetId, n: number, s: number, dynamics: Dynamics, iw: number, ih: number, res: Resolution): Plane {
  const preset = PRESETS.find((p) => p.id === presetId) ?? PRESETS[0];
  const b = preset.box;
  // Search well beyond the preset's view: an unbounded softplus can put fixed points far out.
  const search = { x0: b.x0, x1: b.x0 + (b.x1 - b.x0) * 4, y0: b.y0, y1: b.y0 + (b.y1 - b.y0) * 4 };
  const fps0 = fixedPoints(preset.net, n, s, search, dynamics, res.seeds);
  const box = viewBox(b, fps0);
  const fps = fixedPoints(preset.net, n, s, box, dynamics, res.seeds);
  for (const f of fps0) if (!fps.some((g) => Math.hypot(g.h[0] - f.h[0], g.h[1] - f.h[1]) < 1e-6)) fps.push(f);

  // Sample one cell beyond the box on every side so contour rings close outside the clip.
  const GRID = res.grid;
  const dxw = (box.x1 - box.x0) / (GRID - 1);
  const dyw = (box.y1 - box.y0) / (GRID - 1);
  const ext = { x0: box.x0 - 1.5 * dxw, x1: box.x1 + 1.5 * dxw, y0: box.y0 - 1.5 * dyw, y1: box.y1 + 1.5 * dyw };
  const N = GRID + 2;
  const grid = sampleField(preset.net, n, s, ext, N, N);
  const xs = scaleLinear().domain([box.x0, box.x1]).range([0, iw]);
  const ys = scaleLinear().domain([box.y0, box.y1]).range([ih, 0]);
  // Grid coordinate g (value index g − 0.5) ↔ world x0 − dx + (g − 0.5)·dx.
  const toScreen = geoTransform({
    point(gx: number, gy: number) {
      this.stream.point(xs(box.x0 + (gx - 1.5) * dxw), ys(box.y0 + (gy - 1.5) * dyw));
    },
  });
  const path = geoPath(toScreen);
  const c = contours().size([N, N]).thresholds([0]);
  const null1 = path(c(Array.from(grid.u))[0]) ?? '';
  const null2 = path(c(Array.from(grid.v))[0]) ?? '';

  const field = sampleField(preset.net, n, s, box, ARROWS, ARROWS);
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const starts: Vec2[] = [
    [0.08, 0.08], [0.92, 0.08], [0.08, 0.92], [0.92, 0.92], [0.5, 0.04], [0.04, 0.5], [0.96, 0.5], [0.5, 0.96],
  ].map(([a, c2]) => [b.x0 + a * w, b.y0 + c2 * h] as Vec2);
  // A start beside each repeller shows what it sheds into (a limit cycle, a stable state).
  for (const f of fps) if (!f.stable) starts.push([f.h[0] + 0.02 * w, f.h[1] + 0.013 * h]);
  const trajectories = starts.map((st) => trajectory(preset.net, n, s, st, dynamics, box, dynamics === 'flow' ? res.flowSteps : res.mapSteps, res.dt));
  return { box, fps, null1, null2, field, trajectories };
}

function countKinds(fps: FixedPoint[]): string {
  if (!fps.length) return 'No fixed point: activity runs away (γ is unbounded when s < 1).';
  const counts = new Map<string, number>();
  for (const f of fps) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return `${fps.length} fixed point${fps.length > 1 ? 's' : ''}: ` + [...counts].map(([k, c]) => `${c} ${k}${c > 1 ? 's' : ''}`).join(', ') + '.';
}

function PhasePlaneChartImpl({ n, s, preset: presetId, dynamics, onPreset, onDynamics }: PhasePlaneChartProps) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const clipId = useId();
  const preset = PRESETS.find((p) => p.id === presetId) ?? PRESETS[0];

  const size = Math.max(200, Math.min(width, 460));
  const iw = size - M.left - M.right;
  const ih = iw;
  const H = M.top + ih + M.bottom;
  const settled = useSettled(`${n},${s}`, SETTLE_MS);
  const res = settled ? FINE : COARSE;
  const plane = useMemo(() => computePlane(presetId, n, s, dynamics, iw, ih, res), [presetId, n, s, dynamics, iw, ih, res]);
  // Read once per colour scheme: getComputedStyle in every draw would force a style recalc.
  const arrowColor = useCssVar('--axis', '#8a8f9c');
  const xs = scaleLinear().domain([plane.box.x0, plane.box.x1]).range([0, iw]);
  const ys = scaleLinear().domain([plane.box.y0, plane.box.y1]).range([ih, 0]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, iw, ih);
    if (!ctx) return;
    const { u, v } = plane.field;
    let maxLen = 0;
    for (let i = 0; i < u.length; i++) maxLen = Math.max(maxLen, Math.hypot(u[i], v[i]));
    const cell = iw / ARROWS;
    ctx.strokeStyle = arrowColor;
    ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = 1;
    for (let j = 0; j < ARROWS; j++) {
      for (let i = 0; i < ARROWS; i++) {
        const k = j * ARROWS + i;
        const len = Math.hypot(u[k], v[k]);
        if (!(len > 0) || !(maxLen > 0)) continue;
        // Square-root scaling keeps slow regions visible next to fast ones.
        const L = cell * 0.8 * Math.sqrt(len / maxLen);
        const dx = (u[k] / len) * L;
        const dy = (-v[k] / len) * L;
        const cx = (i + 0.5) * cell;
        const cy = ih - (j + 0.5) * (ih / ARROWS);
        const x0 = cx - dx / 2;
        const y0 = cy - dy / 2;
        const x1 = cx + dx / 2;
        const y1 = cy + dy / 2;
        ctx.globalAlpha = 0.35 + 0.5 * Math.sqrt(len / maxLen);
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
        ctx.stroke();
        const a = Math.atan2(dy, dx);
        const hl = Math.min(4, L * 0.45);
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x1 - hl * Math.cos(a - 0.45), y1 - hl * Math.sin(a - 0.45));
        ctx.lineTo(x1 - hl * Math.cos(a + 0.45), y1 - hl * Math.sin(a + 0.45));
        ctx.closePath();
        ctx.fill();
      }
    }
    ctx.globalAlpha = 1;
  }, [plane, iw, ih, arrowColor]);

  const trajPath = line<Vec2>().x((p) => xs(p[0])).y((p) => ys(p[1]));
  const flow = dynamics === 'flow';
  const data = (): FigureData => {
    const rows: (string | number)[][] = [];
    plane.fps.forEach((f, i) => rows.push(['fixed point', i, f.h[0], f.h[1], f.kind]));
    plane.trajectories.forEach((t, i) => t.forEach((p) => rows.push(['trajectory', i, p[0], p[1], ''])));
    return { columns: ['element', 'index', 'h1', 'h2', 'kind'], rows };
  };

  return (
    <FigureFrame
      name="phaseplane"
      title="Phase plane of two neurons"
      testId="phaseplane-chart"
      embed="phaseplane"
      data={data}
      caption={
        <p className={parts.figNote} data-testid="phaseplane-summary">
          {countKinds(plane.fps)} {preset.hint}
        </p>
      }
    >
      <div className={parts.figControls} data-export="skip">
        <label>
          network{' '}
          <select value={presetId} onChange={(e) => onPreset(e.target.value as PresetId)} data-testid="phaseplane-preset">
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className={parts.seg} aria-label="dynamics">
          <label>
            <input type="radio" name={`${clipId}-dyn`} checked={flow} onChange={() => onDynamics('flow')} data-testid="phaseplane-flow" /> flow ḣ = −h + γ(Wh + b)
          </label>
          <label>
            <input type="radio" name={`${clipId}-dyn`} checked={!flow} onChange={() => onDynamics('map')} data-testid="phaseplane-map" /> map h ← γ(Wh + b)
          </label>
        </fieldset>
      </div>
      <div className={`${parts.figBody} ${parts.planeBody}`} ref={wrapRef}>
        <div className={parts.planeStack} style={{ width: size, height: H }}>
          <canvas ref={canvasRef} style={{ left: M.left, top: M.top }} data-testid="phaseplane-arrows" aria-hidden="true" />
          <svg
            width={size}
            height={H}
            role="img"
            aria-label={`Phase plane at n = ${fmt3(n)}, s = ${fmt3(s)}. ${countKinds(plane.fps)}`}
            data-testid="phaseplane-svg"
            data-resolution={settled ? 'fine' : 'coarse'}
            data-fixed-points={JSON.stringify(plane.fps.map((f) => [Number(f.h[0].toFixed(6)), Number(f.h[1].toFixed(6)), f.kind]))}
          >
            <defs>
              <clipPath id={clipId}>
                <rect width={iw} height={ih} />
              </clipPath>
            </defs>
            <g className={styles.legend} transform={`translate(${M.left},14)`}>
              <line x1={0} x2={18} className={`${styles.nullcline} ${styles.n1}`} />
              <text x={22} dy="0.32em">{flow ? 'ḣ₁ = 0' : 'h₁ = F₁(h)'}</text>
              <line x1={92} x2={110} className={`${styles.nullcline} ${styles.n2}`} />
              <text x={114} dy="0.32em">{flow ? 'ḣ₂ = 0' : 'h₂ = F₂(h)'}</text>
              <text x={iw} dy="0.32em" textAnchor="end" className={parts.muted}>
                n = {fmt3(n)}, s = {fmt3(s)}
              </text>
            </g>
            <g transform={`translate(${M.left},${M.top})`}>
              <Axis scale={xs} orient="bottom" transform={`translate(0,${ih})`} ticks={5} label="h₁" />
              <Axis scale={ys} orient="left" ticks={5} label="h₂" />
              <g clipPath={`url(#${clipId})`}>
                {plane.trajectories.map((t, i) => (
                  <path key={i} className={flow ? styles.trajectory : `${styles.trajectory} ${styles.map}`} d={trajPath(t) ?? ''} data-testid="phaseplane-trajectory" />
                ))}
                <path className={`${styles.nullcline} ${styles.n1}`} d={plane.null1} data-testid="phaseplane-nullcline-1" />
                <path className={`${styles.nullcline} ${styles.n2}`} d={plane.null2} data-testid="phaseplane-nullcline-2" />
                {plane.fps.map((f, i) => (
                  <FixedPointGlyph key={i} x={xs(f.h[0])} y={ys(f.h[1])} point={f} />
                ))}
              </g>
            </g>
          </svg>
        </div>
      </div>
    </FigureFrame>
  );
}

export const PhasePlaneChart = memo(PhasePlaneChartImpl);
export default PhasePlaneChart;
