/** The reach of gradients back through time, read off a gradient-propagation result. */
import type { GradientFlow } from '../../core/gradientFlow';

/** The median norm below which a gradient counts as lost. */
export const REACH_LEVEL = 0.1;

/** The first lag whose median norm ‖∂h_T/∂h_{T−lag}‖ is below `level`, or null if none is. */
export function reachLag(flow: GradientFlow, level = REACH_LEVEL): number | null {
  const i = flow.q50.findIndex((v) => v < Math.log(level));
  return i < 0 ? null : flow.lags[i];
}
