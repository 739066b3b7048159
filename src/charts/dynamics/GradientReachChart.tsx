/**
 * How far back gradients reach: ‖∂h_T/∂h_{T−lag}‖ against the lag on a log scale (the median over
 * probe sequences, with the 10–90 % band), and the geometric decay the mean one-step Jacobian norm
 * alone would give. Takes plain data (core's GradientFlow, natural logs); sits in a FigureFrame.
 */
import { memo, useMemo, type ReactNode } from 'react';
import { scaleLinear } from 'd3';
import type { GradientFlow } from '../../core/gradientFlow';
import { fmt3 } from '../axes/format';
import { Axis } from '../axes/Axis';
import { useWidth } from '../axes/useWidth';
import type { CsvSettings } from '../exportFormat';
import { FigureFrame } from '../frame/FigureFrame';
import { pow10 } from './format';
import { REACH_LEVEL, reachLag } from './reach';
import parts from '../shared/chartParts.module.css';
import styles from './dynamics.module.css';

interface Props {
  flow: GradientFlow | null;
  status: ReactNode;
  settings?: CsvSettings;
  caption: ReactNode;
}

const M = { top: 14, right: 16, bottom: 40, left: 58 };

/** log10 of e^v, with −∞ (a norm of exactly 0) kept as −∞. */
const log10e = (v: number) => v / Math.LN10;

function GradientReachChartImpl({ flow, status, settings, caption }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const H = Math.round(Math.min(240, Math.max(170, width * 0.3)));
  const iw = Math.max(10, width - M.left - M.right);
  const L = flow ? flow.lags[flow.lags.length - 1] : 1;
  const { xs, ys, floor } = useMemo(() => {
    const logs = flow ? [...flow.q10, ...flow.q90].map(log10e).filter(Number.isFinite) : [0];
    const ref1 = flow && flow.stepNorm > 0 ? [Math.log10(flow.stepNorm) * L] : [];
    const lo = Math.floor(Math.min(-1, ...logs, ...ref1.filter((v) => v > -300)));
    const hi = Math.ceil(Math.max(0.5, ...logs, ...ref1));
    return { xs: scaleLinear().domain([0, Math.max(1, L)]).range([0, iw]), ys: scaleLinear().domain([lo, hi]).range([H, 0]).clamp(true), floor: lo };
  }, [flow, L, iw, H]);
  const y = (v: number) => ys(Number.isFinite(v) ? log10e(v) : floor);
  const pathOf = (arr: readonly number[]) => (flow ? flow.lags.map((l, i) => `${i ? 'L' : 'M'}${xs(l).toFixed(1)},${y(arr[i]).toFixed(1)}`).join('') : '');
  const band = flow ? `${pathOf(flow.q90)}${flow.lags.map((l, i) => `L${xs(l).toFixed(1)},${y(flow.q10[i]).toFixed(1)}`).reverse().join('')}Z` : '';
  const refPath = flow && flow.stepNorm > 0 ? `M0,${ys(0)}L${xs(L)},${ys(Math.log10(flow.stepNorm) * L)}` : '';
  const decades = ys.domain()[1] - ys.domain()[0];
  const ticks = Array.from({ length: decades + 1 }, (_, i) => ys.domain()[0] + i).filter((_, i, a) => decades <= 8 || (a[i] % Math.ceil(decades / 8)) === 0);
  const reach = flow ? reachLag(flow) : null;
  const data = () => (flow ? flow.lags.map((l, i) => ({ lag: l, log10_norm_median: log10e(flow.q50[i]), log10_norm_q10: log10e(flow.q10[i]), log10_norm_q90: log10e(flow.q90[i]), log10_norm_geometric_mean: log10e(flow.meanLog[i]) })) : []);
  return (
    <FigureFrame name="gradients" title="How far back gradients reach" testId="gradients-chart" embed="gradients" data={data} settings={settings} caption={caption} attrs={{ 'data-lags': flow?.lags.length ?? 0 }}>
      <div className={styles.dynStatus} data-testid="gradients-status">
        {status}
      </div>
      <div className={parts.figBody} ref={ref}>
        {width > 0 && (
          <svg width={width} height={H + M.top + M.bottom} role="img" data-testid="gradients-svg" aria-label={flow ? `Norm of the gradient back through time over ${L} steps` : 'no gradient measurement yet'}>
            <g transform={`translate(${M.left},${M.top})`}>
              <Axis scale={ys} orient="left" grid={iw} ticks={ticks} format={pow10} label="‖∂h_T / ∂h_t‖" />
              <Axis scale={xs} orient="bottom" transform={`translate(0,${H})`} ticks={Math.max(2, Math.floor(iw / 80))} label="steps back, T − t" />
              <line className={styles.dynZero} x1={0} x2={iw} y1={ys(0)} y2={ys(0)} />
              {flow && (
                <>
                  <path className={styles.dynBand} d={band} />
                  <path className={styles.dynRef} d={refPath} data-testid="gradients-ref" />
                  <path className={styles.dynLine} d={pathOf(flow.q50)} data-testid="gradients-line" />
                </>
              )}
            </g>
          </svg>
        )}
      </div>
      {flow && (
        <p className={parts.figLegend} data-testid="gradients-numbers" data-step-norm={flow.stepNorm}>
          <span className={`${parts.key} ${parts.keyCurrent}`} /> median over {flow.probes} probe sequence{flow.probes === 1 ? '' : 's'} <span className={`${parts.key} ${parts.keyBand}`} /> 10–90 % <span className={`${parts.key} ${parts.keyInitial}`} /> ‖J‖<sup>T−t</sup> · one step: mean ‖diag(γ′(a_t))·Vᵀ‖ ={' '}
          <strong>{fmt3(flow.stepNorm)}</strong> · {reach === null ? `stays above ${REACH_LEVEL} over all ${L} steps` : `falls below ${REACH_LEVEL} after ${reach} steps`}
        </p>
      )}
    </FigureFrame>
  );
}

export const GradientReachChart = memo(GradientReachChartImpl);
