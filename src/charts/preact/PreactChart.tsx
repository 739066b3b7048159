/**
 * Where the network's neurons operate: the histogram of pre-activations a_t over the probe set,
 * drawn under the run's activation on a shared x axis, with the silent / active / saturated
 * regions shaded and the share of pre-activations that falls in each.
 */
import { memo, useId, useMemo } from 'react';
import { line, scaleLinear } from 'd3';
import { activate, activationName, type Activation } from '../../core/activation';
import type { PreactHistogram } from '../../engine/protocol';
import { Axis } from '../axes/Axis';
import { useWidth } from '../axes/useWidth';
import { fmt3 } from '../axes/format';
import type { CsvSettings, FigureData } from '../exportFormat';
import { FigureFrame } from '../frame/FigureFrame';
import { regionFractions, regions, type RegionId } from './preactRegions';
import parts from '../shared/chartParts.module.css';
import styles from './preact.module.css';

export interface PreactChartProps {
  preact: PreactHistogram | null;
  /** The curve the histogram is read against (for per-neuron γ: the median n_i, s_i). */
  act: Activation;
  /** True when n, s are medians over neurons: said in the caption. */
  median?: boolean;
  settings?: CsvSettings;
  /** Replay: the step the histogram was taken at (null: the newest). */
  step?: number | null;
}

const M = { top: 30, right: 46, bottom: 42, left: 50 };
const LABEL: Record<RegionId, string> = { silent: 'silent', active: 'active', saturated: 'saturated' };
const REGION_CLASS: Record<RegionId, string> = { silent: styles.regionSilent, active: styles.regionActive, saturated: styles.regionSaturated };

function PreactChartImpl({ preact, act, median, settings, step = null }: PreactChartProps) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const clipId = useId();
  const H = Math.round(Math.min(240, Math.max(170, width * 0.42)));
  const iw = Math.max(10, width - M.left - M.right);
  const ih = H - M.top - M.bottom;

  const lo = preact ? Math.min(preact.edges[0], -1) : -4;
  const hi = preact ? Math.max(preact.edges[preact.edges.length - 1], 1) : 4;
  const xs = scaleLinear().domain([lo, hi]).range([0, iw]);
  const regs = useMemo(() => regions(act, lo, hi), [act, lo, hi]);
  const frac = useMemo(() => (preact ? regionFractions(preact.edges, preact.counts, regs) : null), [preact, regs]);

  // Histogram as a share of all pre-activations per unit of x (a density), one path.
  const density = useMemo(() => {
    if (!preact) return [] as { x0: number; x1: number; d: number }[];
    let total = 0;
    for (const c of preact.counts) total += c;
    return Array.from(preact.counts, (c, i) => {
      const x0 = preact.edges[i];
      const x1 = preact.edges[i + 1];
      return { x0, x1, d: total > 0 && x1 > x0 ? c / total / (x1 - x0) : 0 };
    });
  }, [preact]);
  const dMax = Math.max(1e-9, ...density.map((b) => b.d));
  const yd = scaleLinear().domain([0, dMax * 1.1]).range([ih, 0]);
  let histD = '';
  for (const b of density) histD += `M${xs(b.x0).toFixed(1)},${ih}V${yd(b.d).toFixed(1)}H${xs(b.x1).toFixed(1)}V${ih}Z`;

  const curveX = useMemo(() => Array.from({ length: 241 }, (_, i) => lo + ((hi - lo) * i) / 240), [lo, hi]);
  const curveY = useMemo(() => curveX.map((x) => activate(act, x)), [curveX, act]);
  const gMin = Math.min(0, ...curveY);
  const gMax = Math.max(...curveY, 1e-6);
  const yg = scaleLinear().domain([gMin, gMax * 1.05]).range([ih, 0]);
  const curve = line<number>().x((_, i) => xs(curveX[i])).y((y) => yg(y))(curveY) ?? '';
  const curveName = act.kind === 'gamma' ? 'γ(a)' : act.kind === 'tanh' ? 'tanh(a)' : 'ReLU(a)';

  const data = (): FigureData => ({
    columns: ['bin_start', 'bin_end', 'count', 'region_at_center'],
    rows: preact
      ? Array.from(preact.counts, (c, i) => {
          const mid = (preact.edges[i] + preact.edges[i + 1]) / 2;
          return [preact.edges[i], preact.edges[i + 1], c, regs.find((r) => mid >= r.x0 && mid <= r.x1)?.id ?? ''];
        })
      : [],
  });

  return (
    <FigureFrame
      name="preact"
      title="Where the neurons operate"
      testId="preact-chart"
      embed="preact"
      data={data}
      settings={settings}
      caption={
        <p className={parts.figNote}>
          {preact ? `${step !== null ? `At step ${step}: m` : 'M'}ean ${fmt3(preact.mean)}, standard deviation ${fmt3(preact.std)}. ` : ''}
          Curve: {activationName(act)}
          {median ? ' (medians over neurons)' : ''}. “Silent” and “saturated”: slope below a tenth of the curve’s largest{act.kind === 'tanh' ? '; tanh saturates at both ends' : ''}.
        </p>
      }
    >
      <div className={parts.figBody} ref={wrapRef}>
        <svg width={width} height={H} role="img" data-testid="preact-svg"
          aria-label={frac ? `Pre-activations: ${(frac.silent * 100).toFixed(0)}% silent, ${(frac.active * 100).toFixed(0)}% active, ${(frac.saturated * 100).toFixed(0)}% saturated` : 'No pre-activation histogram yet'}>
          <defs>
            <clipPath id={clipId}>
              <rect width={iw} height={ih} />
            </clipPath>
          </defs>
          <g transform={`translate(${M.left},${M.top})`}>
            {regs.map((r, i) => {
              const x0 = xs(r.x0);
              const x1 = xs(r.x1);
              const share = frac ? `${(frac[r.id] * 100).toFixed(0)}%` : '';
              return (
                <g key={i} data-testid={`preact-region-${r.id}`} data-fraction={frac ? frac[r.id].toFixed(4) : undefined}>
                  <rect className={`${styles.region} ${REGION_CLASS[r.id]}`} x={x0} width={Math.max(0, x1 - x0)} y={0} height={ih} />
                  {x1 - x0 > 44 && (
                    <text className={styles.regionLabel} x={(x0 + x1) / 2} y={-8} textAnchor="middle">
                      {LABEL[r.id]} {share}
                    </text>
                  )}
                </g>
              );
            })}
            <Axis scale={xs} orient="bottom" transform={`translate(0,${ih})`} ticks={Math.max(3, Math.floor(iw / 80))} label="pre-activation a = U x + V h + b" />
            {preact && <Axis scale={yd} orient="left" ticks={4} label="density" />}
            <Axis scale={yg} orient="right" transform={`translate(${iw},0)`} ticks={4} label={curveName} labelColor="var(--accent)" />
            <g clipPath={`url(#${clipId})`}>
              <path className={styles.hist} d={histD} data-testid="preact-hist" />
              <path className={`${parts.gammaCurve} ${parts.current}`} d={curve} data-testid="preact-gamma" />
            </g>
            {!preact && (
              <text className={parts.emptyNote} x={iw / 2} y={ih / 2} textAnchor="middle">
                The histogram appears at the first test evaluation.
              </text>
            )}
          </g>
        </svg>
      </div>
    </FigureFrame>
  );
}

export const PreactChart = memo(PreactChartImpl);
export default PreactChart;
