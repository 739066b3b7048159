/**
 * Geometry of the (n, s) pad: its scales, the region where sup γ′ > 1 and its edge, contour lines
 * of sup γ′, and where off-pad points are pinned. Pure functions of the plot size.
 */
import { scaleLinear, scaleLog, contours } from 'd3';
import { N_LIMIT, supSlope, unitSlopeSaturation } from '../../core/landmarks';

export const N_MIN = 0.1;
export const N_MAX = N_LIMIT;

export function padScales(iw: number, ih: number) {
  return {
    x: scaleLog().domain([N_MIN, N_MAX]).range([0, iw]),
    y: scaleLinear().domain([0, 1]).range([ih, 0]),
  };
}
export type PadScales = ReturnType<typeof padScales>;

/** Gains sampled (log-spaced) along the sup γ′ = 1 edge, which starts at n = 4 (s = 1). */
function edgeGains(count = 120): number[] {
  const a = Math.log10(4);
  const b = Math.log10(N_MAX);
  return Array.from({ length: count }, (_, i) => 10 ** (a + ((b - a) * i) / (count - 1)));
}

/** The curve s = 1/(√n − 1)² from (4, 1) to the right edge, as an SVG path. */
export function unitSlopeEdgePath(sc: PadScales): string {
  return edgeGains()
    .map((n, i) => `${i ? 'L' : 'M'}${sc.x(n).toFixed(2)},${sc.y(unitSlopeSaturation(n) ?? 1).toFixed(2)}`)
    .join('');
}

/** Everything above that curve: sup γ′ > 1, locally expanding units. */
export function expandingRegionPath(sc: PadScales): string {
  return `${unitSlopeEdgePath(sc)}L${sc.x(N_MAX).toFixed(2)},${sc.y(1).toFixed(2)}L${sc.x(4).toFixed(2)},${sc.y(1).toFixed(2)}Z`;
}

/** Levels of the faint sup γ′ contours. On the top edge (s = 1) sup γ′ = n/4, so level L meets it at n = 4L. */
export const SLOPE_LEVELS = [0.25, 0.5, 2, 4, 8, 16] as const;

const GRID_X = 97;
const GRID_Y = 61;
let contourCache: { level: number; d: string }[] | null = null;

/**
 * Contour lines of sup γ′ over the pad (marching squares on a log-n × s grid) in unit coordinates:
 * u = (log10 n + 1)/3 across, 1 − s down, so one computation serves every pad size (draw them under
 * a scale(iw, ih) transform). The segments d3-contour adds along the grid's border to close its
 * polygons are left out. Computed once per page.
 */
export function slopeContourPathsUnit(): { level: number; d: string }[] {
  if (contourCache) return contourCache;
  const values = new Float64Array(GRID_X * GRID_Y);
  const nOf = (u: number) => 10 ** (Math.log10(N_MIN) + u * (Math.log10(N_MAX) - Math.log10(N_MIN)));
  for (let j = 0; j < GRID_Y; j++) {
    for (let i = 0; i < GRID_X; i++) {
      values[j * GRID_X + i] = supSlope(nOf(i / (GRID_X - 1)), j / (GRID_Y - 1));
    }
  }
  const gen = contours().size([GRID_X, GRID_Y]).thresholds([...SLOPE_LEVELS]);
  // d3-contour puts sample i at coordinate i + 0.5; its border runs along 0 and size.
  const onBorder = ([cx, cy]: number[]) => cx <= 0 || cx >= GRID_X || cy <= 0 || cy >= GRID_Y;
  const toUnit = ([cx, cy]: number[]) => {
    const u = Math.min(1, Math.max(0, (cx - 0.5) / (GRID_X - 1)));
    const v = Math.min(1, Math.max(0, (cy - 0.5) / (GRID_Y - 1)));
    return `${u.toFixed(4)},${(1 - v).toFixed(4)}`;
  };
  contourCache = gen(Array.from(values)).map((mp) => {
    let d = '';
    for (const polygon of mp.coordinates) {
      for (const ring of polygon) {
        let pen = false;
        for (let k = 0; k < ring.length; k++) {
          const p = ring[k];
          const prev = k > 0 ? ring[k - 1] : null;
          if (!pen || (prev && onBorder(prev) && onBorder(p))) {
            d += `M${toUnit(p)}`;
            pen = true;
          } else {
            d += `L${toUnit(p)}`;
          }
        }
      }
    }
    return { level: mp.value, d };
  });
  return contourCache;
}

export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface PinnedPoint {
  px: number;
  py: number;
  /** Which edge an off-pad point is pinned to (null: on the pad). */
  outside: Side | null;
}

/** A point's place on the pad; off-pad points (learned s can leave [0, 1]) are pinned to the edge. */
export function pin(sc: PadScales, n: number, s: number): PinnedPoint {
  let outside: Side | null = null;
  let nn = n;
  let ss = s;
  if (!(n >= N_MIN)) {
    nn = N_MIN;
    outside = 'left';
  } else if (n > N_MAX) {
    nn = N_MAX;
    outside = 'right';
  }
  if (!(s >= 0)) {
    ss = 0;
    outside = 'bottom';
  } else if (s > 1) {
    ss = 1;
    outside = 'top';
  }
  return { px: sc.x(nn), py: sc.y(ss), outside };
}

/** Pad values rounded to what the eye and the URL need: n to 3 significant digits, s to 0.001. */
export function quantize(n: number, s: number): { n: number; s: number } {
  const nc = Math.min(N_MAX, Math.max(N_MIN, n));
  const sc = Math.min(1, Math.max(0, s));
  return { n: Number(nc.toPrecision(3)), s: Math.round(sc * 1000) / 1000 };
}
