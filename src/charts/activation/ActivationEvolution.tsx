/**
 * How the learned activation evolves: the current γ curve beside the initial one with a fading
 * trail of past curves (per-neuron runs: the median curve, a 10–90 % band across neurons and a
 * few single neurons), and on the shared (n, s) pad either the learned trajectory (shared n, s)
 * or the cloud of (n_i, s_i) with marginal histograms. A scrubber replays any earlier moment.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import { area, line, scaleLinear } from 'd3';
import { activate, activationOf } from '../../core/activation';
import { frameAt } from '../../core/thinningLog';
import type { ParamSet, RunView } from '../../state/runTypes';
import type { Mode } from '../../state/schema';
import { NSPad } from '../NSPad';
import { PadMarks } from '../pad/PadMarks';
import { FigureFrame } from '../frame/FigureFrame';
import { ParamReadout } from './ParamReadout';
import { Axis } from '../axes/Axis';
import { useWidth } from '../axes/useWidth';
import { fmt3 } from '../axes/format';
import type { CsvSettings, FigureData } from '../exportFormat';
import { band, curve, median, representative, sampleNeurons, xGrid } from './activationCurves';
import { Marginal } from '../shared/Marginal';
import { TimeScrubber } from '../shared/TimeScrubber';
import parts from '../shared/chartParts.module.css';
import styles from './activation.module.css';

export interface ActivationEvolutionProps {
  /** The run (null: none yet). */
  view: RunView | null;
  /** The run's mode: tanh and ReLU have no n and s to learn. */
  mode: Mode;
  /** Half-width of the x axis. */
  xr?: number;
  settings?: CsvSettings;
  /** Controlled replay time (null: live); uncontrolled when absent. */
  time?: number | null;
  onTime?: (t: number | null) => void;
}

const M = { top: 12, right: 14, bottom: 42, left: 46 };
const TRAIL = 10;

/** Curves of past parameter sets, computed once per set and x grid (sets are never mutated). */
const curveCache = new WeakMap<ParamSet, { grid: Float64Array; curve: Float64Array }>();
function cachedRepresentative(grid: Float64Array, p: ParamSet): Float64Array {
  const hit = curveCache.get(p);
  if (hit && hit.grid === grid) return hit.curve;
  const c = representative(grid, p);
  curveCache.set(p, { grid, curve: c });
  return c;
}

/** Paths of cached curves, per curve, for the scales they were drawn with. */
const pathCache = new WeakMap<Float64Array, { scales: string; d: string }>();
function cachedPath(c: Float64Array, scales: string, draw: (c: Float64Array) => string): string {
  const hit = pathCache.get(c);
  if (hit && hit.scales === scales) return hit.d;
  const d = draw(c);
  pathCache.set(c, { scales, d });
  return d;
}

function ActivationEvolutionImpl({ view, mode, xr = 4, time: timeProp, onTime, settings }: ActivationEvolutionProps) {
  const [ownTime, setOwnTime] = useState<number | null>(null);
  const time = timeProp !== undefined ? timeProp : ownTime;
  const setTime = onTime ?? setOwnTime;
  const [wrapRef, width] = useWidth<HTMLDivElement>();

  const wide = width >= 640;
  const colW = wide ? Math.floor((width - 16) / 2) : width;
  const H = Math.round(Math.min(300, Math.max(200, colW * 0.7)));
  const iw = Math.max(10, colW - M.left - M.right);
  const ih = H - M.top - M.bottom;

  const v = useMemo(() => {
    const frames = view?.frames ?? [];
    const first = frames.length ? frames[0].step : 0;
    const last = view?.step ?? 0;
    const t = time === null ? last : time;
    const now: ParamSet | null = (time === null ? view?.current : frameAt(frames, t)?.value) ?? null;
    const trail = (view?.trail ?? []).filter((f) => f.step < t).slice(-TRAIL);
    const traj = (view?.trajectory ?? []).filter((f) => f.step <= t).map((f) => f.value);
    return { first, last, t, now, initial: view?.initial ?? null, trail, traj };
  }, [view, time]);
  const fixed = mode === 'tanh' || mode === 'relu';

  const xsData = useMemo(() => xGrid(xr), [xr]);
  const perNeuron = (v.now?.n.length ?? 1) > 1;
  const cur = useMemo(() => (v.now ? (perNeuron ? band(xsData, v.now) : { median: curve(xsData, v.now.n[0], v.now.s[0]), lo: null, hi: null }) : null), [v.now, perNeuron, xsData]);
  const init = useMemo(() => (v.initial ? cachedRepresentative(xsData, v.initial) : null), [v.initial, xsData]);
  const trailCurves = useMemo(() => v.trail.map((f) => cachedRepresentative(xsData, f.value)), [v.trail, xsData]);
  const singles = useMemo(() => (v.now && perNeuron ? sampleNeurons(v.now).map((i) => curve(xsData, v.now!.n[i], v.now!.s[i])) : []), [v.now, perNeuron, xsData]);

  let yMax = 1;
  for (const c of [cur?.hi ?? cur?.median, init, ...trailCurves]) if (c) for (const y of c) if (Number.isFinite(y)) yMax = Math.max(yMax, y);
  // Rounded up to a half-decade step, so the y scale (and with it every trail path) stays put
  // while the curves move a little from one update to the next.
  const half = 10 ** Math.floor(Math.log10(yMax * 1.05)) / 2;
  const yTop = Math.min(Math.ceil((yMax * 1.05) / half) * half, 2 * xr);
  // Scales and paths are memoised so the axes and unchanged curves skip work on each snapshot.
  const xs = useMemo(() => scaleLinear().domain([-xr, xr]).range([0, iw]), [xr, iw]);
  const ys = useMemo(() => scaleLinear().domain([0, yTop]).range([ih, 0]).clamp(true), [yTop, ih]);
  const path = useCallback((c: Float64Array) => line<number>().x((i) => xs(xsData[i])).y((i) => ys(c[i]))(Array.from(xsData, (_, i) => i)) ?? '', [xs, ys, xsData]);
  // A past curve keeps its path while the scales hold: each update draws only the newest curve.
  const scalesKey = `${xr} ${iw} ${ih} ${yTop}`;
  const trailPaths = useMemo(() => trailCurves.map((c) => cachedPath(c, scalesKey, path)), [trailCurves, scalesKey, path]);
  const initPath = useMemo(() => (init ? cachedPath(init, scalesKey, path) : ''), [init, scalesKey, path]);
  const bandPath = cur?.lo && cur.hi ? area<number>().x((i) => xs(xsData[i])).y0((i) => ys(cur.lo![i])).y1((i) => ys(cur.hi![i]))(Array.from(xsData, (_, i) => i)) ?? '' : '';

  const nNow = v.now ? (perNeuron ? median(v.now.n) : v.now.n[0]) : NaN;
  const sNow = v.now ? (perNeuron ? median(v.now.s) : v.now.s[0]) : NaN;

  const data = (): FigureData => {
    const rows: (string | number)[][] = [];
    if (perNeuron && v.now) v.now.n.forEach((n, i) => rows.push([v.t, i, n, v.now!.s[i]]));
    else for (const f of view?.trajectory ?? []) if (f.step <= v.t) rows.push([f.step, 'shared', f.value.n, f.value.s]);
    return { columns: ['step', 'neuron', 'n', 's'], rows };
  };

  // tanh and ReLU: one fixed curve, nothing learned.
  const fixedPath = useMemo(() => {
    if (!fixed) return '';
    const act = activationOf(mode, 1, 0);
    return path(xsData.map((x) => activate(act, x)));
  }, [fixed, path, xsData, mode]);

  const padW = wide ? colW : width;
  return (
    <FigureFrame
      name="activation"
      title="How the activation learns"
      testId="activation-chart"
      embed="activation"
      data={data}
      settings={settings}
      caption={
        fixed ? (
          <p className={parts.figLegend} data-testid="activation-fixed">
            {mode === 'tanh' ? 'tanh' : 'ReLU'} has no gain or saturation to learn: this run’s activation stays the curve above. Choose the
            homogeneous or heterogeneous adaptation to watch n and s move, or compare the two in the Compare section.
          </p>
        ) : (
          <p className={parts.figLegend}>
            <span className={`${parts.key} ${parts.keyInitial}`} /> initial <span className={`${parts.key} ${parts.keyTrail}`} /> earlier <span className={`${parts.key} ${parts.keyCurrent}`} /> {time === null ? 'now' : `step ${v.t}`}
            {perNeuron && (
              <>
                {' '}
                <span className={`${parts.key} ${parts.keyBand}`} /> 10–90 % of neurons
              </>
            )}
          </p>
        )
      }
    >
      {!fixed && <TimeScrubber first={v.first} last={v.last} time={time} onTime={setTime} testId="activation-scrubber" />}
      <div className={`${parts.figBody} ${styles.evoGrid}`} ref={wrapRef} style={{ gridTemplateColumns: wide && !fixed ? '1fr 1fr' : '1fr' }}>
        <div>
          <svg width={colW} height={H} role="img" data-testid="activation-svg" data-step={v.t} data-n={v.now ? nNow : undefined} data-s={v.now ? sNow : undefined} data-mode={mode}
            aria-label={fixed ? `Fixed activation: ${mode}` : v.now ? `Learned activation at step ${v.t}: ${perNeuron ? 'median ' : ''}n = ${fmt3(nNow)}, s = ${fmt3(sNow)}` : 'No run yet'}>
            <g transform={`translate(${M.left},${M.top})`}>
              <Axis scale={xs} orient="bottom" transform={`translate(0,${ih})`} ticks={5} grid={ih} label="input x" />
              <Axis scale={ys} orient="left" ticks={5} grid={iw} label={fixed ? `${mode === 'tanh' ? 'tanh' : 'ReLU'}(x)` : perNeuron ? 'γ_i(x)' : 'γ(x)'} />
              {fixed && <path className={`${parts.gammaCurve} ${parts.current}`} d={fixedPath} data-testid="activation-current" />}
              {bandPath && <path className={styles.gammaBand} d={bandPath} data-testid="activation-band" />}
              {trailPaths.map((d, i) => (
                <path key={i} className={`${parts.gammaCurve} ${parts.trail}`} d={d} style={{ opacity: 0.12 + (0.45 * (i + 1)) / trailPaths.length }} />
              ))}
              {singles.map((c, i) => (
                <path key={`n${i}`} className={`${parts.gammaCurve} ${parts.single}`} d={path(c)} />
              ))}
              {init && <path className={`${parts.gammaCurve} ${parts.initial}`} d={initPath} data-testid="activation-initial" />}
              {cur && <path className={`${parts.gammaCurve} ${parts.current}`} d={path(cur.median)} data-testid="activation-current" />}
              {!v.now && !fixed && (
                <text className={parts.emptyNote} x={iw / 2} y={ih / 2} textAnchor="middle">
                  Train to see the activation change.
                </text>
              )}
            </g>
          </svg>
        </div>
        {!fixed && (
          <div style={{ width: padW }}>
            <ParamReadout now={v.now} initial={v.initial} step={v.t} perNeuron={perNeuron} />
            {perNeuron && v.now ? (
              <>
                <NSPad readOnly width={padW} label={`per-neuron (n_i, s_i) at step ${v.t}`} layers={(sc) => <PadMarks sc={sc} cloud={v.now!} />} />
                <div className={styles.marginals}>
                  <Marginal values={v.now.n} domain={[0.1, 100]} log label="n_i (log)" width={padW / 2} testId="marginal-n" />
                  <Marginal values={v.now.s} domain={[0, 1]} label="s_i" width={padW / 2} testId="marginal-s" />
                </div>
              </>
            ) : (
              <NSPad readOnly width={padW} label={`learned (n, s) up to step ${v.t}`} layers={(sc) => <PadMarks sc={sc} trajectory={v.traj} />} />
            )}
          </div>
        )}
      </div>
    </FigureFrame>
  );
}

export const ActivationEvolution = memo(ActivationEvolutionImpl);
export default ActivationEvolution;
