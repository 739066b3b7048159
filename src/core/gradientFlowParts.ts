/**
 * Gradient propagation computed one probe at a time (so a worker can yield between probes) and
 * put together: the same result as one gradientFlow call over every probe, since each lag's
 * statistics are over probes and every probe has the same number of steps.
 */
import { quantile } from 'd3-array';
import { gradientFlow, type GradientFlow } from './gradientFlow';
import type { DrivenNet, Net64 } from './netFloat64';

/** Gradient propagation of probe p alone; x flat [P, T, I]. */
export function probeFlow(net: DrivenNet, x: Float32Array | Float64Array, p: number, T: number, I: number, opts: { maxLag?: number; net64?: Net64 } = {}): GradientFlow {
  return gradientFlow(net, x.subarray(p * T * I, (p + 1) * T * I), 1, T, opts);
}

/** Single-probe results (same lags) as one result over all of their probes. */
export function combineProbeFlows(parts: readonly GradientFlow[]): GradientFlow {
  if (!parts.length) throw new Error('combineProbeFlows needs at least one probe');
  if (parts.some((f) => f.probes !== 1)) throw new Error('combineProbeFlows: every part must hold exactly one probe');
  const lags = parts[0].lags;
  if (parts.some((f) => f.lags.length !== lags.length)) throw new Error('combineProbeFlows: the parts have different lags');
  const P = parts.length;
  const out: GradientFlow = { probes: P, lags: lags.slice(), meanLog: [], q10: [], q50: [], q90: [], stepNorm: 0 };
  const col = new Float64Array(P);
  for (let l = 0; l < lags.length; l++) {
    let sum = 0;
    parts.forEach((f, i) => {
      col[i] = f.meanLog[l];
      sum += col[i];
    });
    out.meanLog.push(sum / P);
    out.q10.push(quantile(col, 0.1) ?? NaN);
    out.q50.push(quantile(col, 0.5) ?? NaN);
    out.q90.push(quantile(col, 0.9) ?? NaN);
  }
  out.stepNorm = parts.reduce((a, f) => a + f.stepNorm, 0) / P;
  return out;
}
