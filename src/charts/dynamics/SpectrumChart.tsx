/**
 * The Lyapunov spectrum of one network (bits per step against the exponent's rank, with the zero
 * line) beside the convergence of its running estimates (the largest three against the steps
 * averaged so far). Takes plain data; sits in a FigureFrame.
 */
import { memo, useMemo, type ReactNode } from 'react';
import { scaleLinear } from 'd3';
import { Axis } from '../axes/Axis';
import { useWidth } from '../axes/useWidth';
import type { CsvSettings } from '../exportFormat';
import { FigureFrame } from '../frame/FigureFrame';
import { fmtBits } from './format';
import parts from '../shared/chartParts.module.css';
import styles from './dynamics.module.css';

export interface SpectrumTrace {
  /** Steps averaged at each running estimate. */
  steps: readonly number[];
  /** Running estimates (bits per step, largest first) after steps[j]. */
  estimates: readonly (readonly number[])[];
}

interface Props {
  /** The final spectrum, largest first (null while computing or before any). */
  bits: readonly number[] | null;
  trace: SpectrumTrace | null;
  /** Steps the computation averages over in all. */
  total: number;
  /** Above the plots: what is computed, of which weights, or why nothing is. */
  status: ReactNode;
  settings?: CsvSettings;
  caption: ReactNode;
}

const M = { top: 14, right: 14, bottom: 40, left: 56 };
const H = 190;
/** Estimates drawn in the convergence plot. */
const TRACED = 3;

function domainOf(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  const pad = Math.max(0.05, (hi - lo) * 0.1);
  return [lo - pad, hi + pad];
}

function SpectrumChartImpl({ bits, trace, total, status, settings, caption }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const side = width >= 640;
  const pw = side ? Math.floor((width - 16) / 2) : width;
  const iw = Math.max(10, pw - M.left - M.right);
  const shown = bits ?? trace?.estimates[trace.estimates.length - 1] ?? null;
  const k = shown?.length ?? 0;
  const sx = useMemo(() => scaleLinear().domain([1, Math.max(2, k)]).range([0, iw]), [k, iw]);
  const sy = useMemo(() => scaleLinear().domain(domainOf(shown ? [...shown] : [])).range([H, 0]).nice(), [shown]);
  const cx = useMemo(() => scaleLinear().domain([0, Math.max(1, total)]).range([0, iw]), [total, iw]);
  const cy = useMemo(() => scaleLinear().domain(domainOf(trace ? trace.estimates.flatMap((e) => e.slice(0, TRACED)) : [])).range([H, 0]).nice(), [trace]);
  const spectrumPath = shown ? shown.map((v, i) => `${i ? 'L' : 'M'}${sx(i + 1).toFixed(1)},${sy(v).toFixed(1)}`).join('') : '';
  const tracePath = (e: number) => (trace ? trace.steps.map((st, j) => `${j ? 'L' : 'M'}${cx(st).toFixed(1)},${cy(trace.estimates[j][e]).toFixed(1)}`).join('') : '');
  const positive = shown ? shown.filter((v) => v > 0).length : 0;
  const sum = shown ? shown.reduce((a, v) => a + v, 0) : NaN;
  const data = () => (trace ? trace.steps.map((st, j) => ({ steps_averaged: st, ...Object.fromEntries(trace.estimates[j].map((v, e) => [`lambda${e + 1}_bits_per_step`, v])) })) : []);
  const svgH = H + M.top + M.bottom;
  return (
    <FigureFrame name="spectrum" title="Lyapunov spectrum of the current run" testId="spectrum-chart" embed="spectrum" data={data} settings={settings} caption={caption} attrs={{ 'data-k': k, 'data-complete': bits ? 1 : 0 }}>
      <div className={styles.dynStatus} data-testid="spectrum-status">
        {status}
      </div>
      <div className={parts.figBody} ref={ref}>
        {width > 0 && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
            <svg width={pw} height={svgH} role="img" data-testid="spectrum-svg" data-k={k} aria-label={shown ? `${k} Lyapunov exponents, largest ${fmtBits(shown[0])} bits per step` : 'no spectrum yet'}>
              <g transform={`translate(${M.left},${M.top})`}>
                <Axis scale={sy} orient="left" grid={iw} ticks={5} label="bits per step" />
                <Axis scale={sx} orient="bottom" transform={`translate(0,${H})`} ticks={Math.min(k, Math.max(2, Math.floor(iw / 50)))} format={(v) => (Number.isInteger(v) ? String(v) : '')} label="exponent, largest first" />
                <line className={styles.dynZero} x1={0} x2={iw} y1={sy(0)} y2={sy(0)} />
                <path className={`${styles.dynLine} ${styles.faint}`} d={spectrumPath} />
                {shown?.map((v, i) => <circle key={i} className={styles.dynDots} cx={sx(i + 1)} cy={sy(v)} r={k > 32 ? 2 : 3} data-testid={i === 0 ? 'spectrum-first' : undefined} data-value={i === 0 ? v : undefined} />)}
              </g>
            </svg>
            <svg width={pw} height={svgH} role="img" data-testid="convergence-svg" data-points={trace?.steps.length ?? 0} aria-label="running estimates of the three largest exponents against the steps averaged">
              <g transform={`translate(${M.left},${M.top})`}>
                <Axis scale={cy} orient="left" grid={iw} ticks={5} label="running estimate (bits per step)" />
                <Axis scale={cx} orient="bottom" transform={`translate(0,${H})`} ticks={Math.max(2, Math.floor(iw / 80))} label="steps averaged" />
                <line className={styles.dynZero} x1={0} x2={iw} y1={cy(0)} y2={cy(0)} />
                {Array.from({ length: Math.min(TRACED, k) }, (_, e) => Math.min(TRACED, k) - 1 - e).map((e) => (
                  <path key={e} className={e === 0 ? styles.dynLine : `${styles.dynLine} ${styles.faint}`} d={tracePath(e)} data-testid={e === 0 ? 'convergence-line' : undefined} />
                ))}
              </g>
            </svg>
          </div>
        )}
      </div>
      {shown && (
        <p className={parts.figLegend} data-testid="spectrum-numbers">
          λ₁ = <strong>{fmtBits(shown[0])}</strong> bits per step · {positive} of {k} exponents positive · sum of the {k} = {fmtBits(sum)} bits per step
          {!bits && ' (still averaging)'}
        </p>
      )}
    </FigureFrame>
  );
}

export const SpectrumChart = memo(SpectrumChartImpl);
