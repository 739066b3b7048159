/**
 * λ₁ (and the next exponents, faintly) of the network run without input, across training, in bits
 * per step, with the line at zero that separates contracting dynamics from chaotic ones. Takes
 * plain data; sits in a FigureFrame.
 */
import { memo, useMemo } from 'react';
import { scaleLinear } from 'd3';
import { Axis } from '../axes/Axis';
import { useWidth } from '../axes/useWidth';
import type { CsvSettings } from '../exportFormat';
import { FigureFrame } from '../frame/FigureFrame';
import { fmtBits, lambda } from './format';
import parts from '../shared/chartParts.module.css';
import styles from './dynamics.module.css';

export interface LyapunovPoint {
  step: number;
  /** Largest first, bits per step. */
  bits: ArrayLike<number>;
  /** What the estimate cost in the training worker. */
  ms: number;
}

interface Props {
  points: readonly LyapunovPoint[];
  /** Shown when there are no points. */
  emptyNote: string;
  settings?: CsvSettings;
  caption: React.ReactNode;
}

const M = { top: 14, right: 16, bottom: 40, left: 58 };

function LyapunovTrainingChartImpl({ points, emptyNote, settings, caption }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const H = Math.round(Math.min(240, Math.max(170, width * 0.3)));
  const iw = Math.max(10, width - M.left - M.right);
  const k = points.reduce((a, p) => Math.max(a, p.bits.length), 0);
  const { xs, ys } = useMemo(() => {
    const steps = points.map((p) => p.step);
    const vals = points.flatMap((p) => Array.from(p.bits).filter(Number.isFinite));
    const lo = Math.min(0, ...vals);
    const hi = Math.max(0, ...vals);
    // Room above and below zero for the corner labels.
    const pad = Math.max(0.05, (hi - lo) * 0.2);
    return {
      xs: scaleLinear().domain([Math.min(0, ...steps), Math.max(1, ...steps)]).range([0, iw]),
      ys: scaleLinear().domain([lo - pad, hi + pad]).range([H, 0]).nice(),
    };
  }, [points, iw, H]);
  const line = (e: number) =>
    points
      .filter((p) => Number.isFinite(p.bits[e]))
      .map((p, i) => `${i ? 'L' : 'M'}${xs(p.step).toFixed(1)},${ys(p.bits[e]).toFixed(1)}`)
      .join('');
  const last = points[points.length - 1];
  const msMean = points.length ? points.reduce((a, p) => a + p.ms, 0) / points.length : 0;
  const data = () => points.map((p) => ({ step: p.step, ...Object.fromEntries(Array.from(p.bits, (v, e) => [`lambda${e + 1}_bits_per_step`, v])), worker_ms: p.ms }));
  return (
    <FigureFrame name="lyapunov" title="λ₁ across training" testId="lyapunov-chart" embed="lyapunov" data={data} settings={settings} caption={caption} attrs={{ 'data-points': points.length }}>
      <div className={parts.figBody} ref={ref}>
        {width > 0 && (
          <svg width={width} height={H + M.top + M.bottom} role="img" data-testid="lyapunov-svg" data-points={points.length} data-ms-mean={msMean} aria-label={last ? `Largest Lyapunov exponent across ${points.length} estimates; now ${fmtBits(last.bits[0])} bits per step at step ${last.step}` : emptyNote}>
            <g transform={`translate(${M.left},${M.top})`}>
              <Axis scale={ys} orient="left" grid={iw} ticks={5} label="bits per step" />
              <Axis scale={xs} orient="bottom" transform={`translate(0,${H})`} ticks={Math.max(2, Math.floor(iw / 90))} label="training step" />
              <line className={styles.dynZero} x1={0} x2={iw} y1={ys(0)} y2={ys(0)} data-testid="lyapunov-zero" />
              {/* In the corners of each side of zero, where the data rarely are. */}
              {ys(0) > 24 && (
                <text className={styles.dynRegionLabel} x={iw - 6} y={12} textAnchor="end">
                  ▲ λ &gt; 0: nearby states drift apart (chaotic)
                </text>
              )}
              {ys(0) < H - 24 && (
                <text className={styles.dynRegionLabel} x={iw - 6} y={H - 6} textAnchor="end">
                  ▼ λ &lt; 0: nearby states converge (contracting)
                </text>
              )}
              {Array.from({ length: k }, (_, e) => k - 1 - e).map((e) => (
                <path key={e} className={e === 0 ? styles.dynLine : `${styles.dynLine} ${styles.faint}`} d={line(e)} data-testid={e === 0 ? 'lyapunov-line' : undefined} />
              ))}
              {points.map((p) => Number.isFinite(p.bits[0]) && <circle key={p.step} className={styles.dynDots} cx={xs(p.step)} cy={ys(p.bits[0])} r={2.5} />)}
              {points.length === 0 && (
                <text className={parts.emptyNote} x={iw / 2} y={H / 2 - 24} textAnchor="middle">
                  {emptyNote}
                </text>
              )}
            </g>
          </svg>
        )}
      </div>
      <p className={parts.figLegend}>
        <span className={`${parts.key} ${parts.keyCurrent}`} /> λ₁ {k > 1 && <><span className={`${parts.key} ${parts.keyRaw}`} /> λ₂{k > 2 ? `…${lambda(k)}` : ''}</>}
        {last && (
          <span data-testid="lyapunov-now">
            {' '}
            · now λ₁ = <strong>{fmtBits(last.bits[0])}</strong> bits per step (step {last.step})
          </span>
        )}
      </p>
    </FigureFrame>
  );
}

export const LyapunovTrainingChart = memo(LyapunovTrainingChartImpl);
