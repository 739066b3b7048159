/**
 * A small histogram of per-neuron values (n_i on a log axis, or s_i), one path of bars, for the
 * margins of the (n, s) cloud.
 */
import { scaleLinear, scaleLog } from 'd3';
import { Axis } from '../axes/Axis';
import parts from './chartParts.module.css';
import styles from './marginal.module.css';

export interface MarginalProps {
  values: ArrayLike<number>;
  domain: [number, number];
  log?: boolean;
  label: string;
  width: number;
  bins?: number;
  testId?: string;
}

const M = { top: 6, right: 14, bottom: 34, left: 48 };
const H = 86;

export function Marginal({ values, domain, log = false, label, width, bins = 24, testId }: MarginalProps) {
  const iw = Math.max(10, width - M.left - M.right);
  const ih = H - M.top - M.bottom;
  const xs = log ? scaleLog().domain(domain).range([0, iw]).clamp(true) : scaleLinear().domain(domain).range([0, iw]).clamp(true);
  // Bins equal in screen space, so log bins for n.
  const counts = new Array<number>(bins).fill(0);
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || v < domain[0] || v > domain[1] || (log && v <= 0)) {
      outside++;
      continue;
    }
    counts[Math.min(bins - 1, Math.floor((xs(v) / iw) * bins))]++;
  }
  const max = Math.max(1, ...counts);
  const ys = scaleLinear().domain([0, max]).range([ih, 0]);
  let d = '';
  const bw = iw / bins;
  counts.forEach((c, i) => {
    if (c > 0) d += `M${(i * bw + 0.5).toFixed(1)},${ih}V${ys(c).toFixed(1)}H${((i + 1) * bw - 0.5).toFixed(1)}V${ih}Z`;
  });
  return (
    <svg width={width} height={H} data-testid={testId} data-outside={outside} role="img" aria-label={`Histogram of ${label} over neurons${outside ? `; ${outside} off the axis` : ''}`}>
      <g transform={`translate(${M.left},${M.top})`}>
        <path className={styles.bars} d={d} />
        <Axis scale={xs} orient="bottom" transform={`translate(0,${ih})`} ticks={log ? [0.1, 1, 10, 100] : [0, 0.5, 1]} format={(v) => String(v)} label={label} />
        {outside > 0 && (
          <text className={parts.muted} x={iw} y={8} textAnchor="end">
            {outside} off axis
          </text>
        )}
      </g>
    </svg>
  );
}
