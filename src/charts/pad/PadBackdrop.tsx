/**
 * The pad's static layers: axes, the sup γ′ > 1 region and its edge, faint sup γ′ contours with
 * their levels along the top edge, and the four landmarks. Depends only on the plot size, so it is
 * memoised and does not re-render while the handle moves.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { LANDMARKS, type LandmarkId } from '../../core/landmarks';
import { Axis } from '../axes/Axis';
import { N_MAX, SLOPE_LEVELS, expandingRegionPath, padScales, slopeContourPathsUnit, unitSlopeEdgePath } from './padGeometry';

const N_TICKS = [0.1, 0.3, 1, 3, 10, 30, 100];

/** Label placement per landmark, in px from the marker (the limit ones sit on the right edge). */
const LABEL: Record<LandmarkId, { dx: number; dy: number; anchor: 'start' | 'end' }> = {
  softplus: { dx: 8, dy: -8, anchor: 'start' },
  sigmoid: { dx: 8, dy: 16, anchor: 'start' },
  relu: { dx: -10, dy: -8, anchor: 'end' },
  step: { dx: -10, dy: 16, anchor: 'end' },
};

interface Props {
  iw: number;
  ih: number;
  contours: boolean;
}

function PadBackdropImpl({ iw, ih, contours }: Props) {
  const sc = useMemo(() => padScales(iw, ih), [iw, ih]);
  const region = useMemo(() => expandingRegionPath(sc), [sc]);
  const edge = useMemo(() => unitSlopeEdgePath(sc), [sc]);
  // The faint contours are extra: computed after the first paint so they never delay it.
  const [lines, setLines] = useState<{ level: number; d: string }[]>([]);
  useEffect(() => {
    if (!contours) {
      setLines([]);
      return;
    }
    // A timer, not the effect itself: effects can be flushed before a paint, a timer cannot.
    const id = setTimeout(() => setLines(slopeContourPathsUnit()), 0);
    return () => clearTimeout(id);
  }, [contours]);
  const fmtN = (v: number) => String(v);
  // Put the region's label inside it, clear of the step landmark and the top-edge labels.
  const labelX = sc.x(N_MAX) - 10;
  const labelY = sc.y(0.55);
  return (
    <g className="pad-backdrop">
      <rect className="pad-bg" width={iw} height={ih} />
      <Axis scale={sc.x} orient="bottom" transform={`translate(0,${ih})`} ticks={N_TICKS} format={fmtN} grid={ih} label="gain n (log scale)" />
      <Axis scale={sc.y} orient="left" ticks={5} grid={iw} label="saturation s" />
      <path className="pad-expanding" d={region} data-testid="pad-expanding" />
      <g transform={`scale(${iw},${ih})`}>
        {lines.map((l) => (
          <path key={l.level} className="pad-contour" d={l.d} data-level={l.level} vectorEffect="non-scaling-stroke" />
        ))}
      </g>
      <path className="pad-edge" d={edge} data-testid="pad-edge" />
      {contours && (
        <g className="pad-levels" aria-hidden="true">
          <text x={0} y={-7} className="pad-levels-title">
            sup γ′ =
          </text>
          {[...SLOPE_LEVELS.slice(0, 2), 1, ...SLOPE_LEVELS.slice(2)].map((L) => (
            <text key={L} x={sc.x(4 * L)} y={-7} textAnchor="middle" className={L === 1 ? 'pad-level-one' : undefined}>
              {L}
            </text>
          ))}
        </g>
      )}
      <text className="pad-expanding-label" x={labelX} y={labelY} textAnchor="end">
        <tspan x={labelX}>sup γ′ &gt; 1:</tspan>
        <tspan x={labelX} dy="1.2em">
          locally expanding
        </tspan>
      </text>
      <g className="pad-landmarks" data-testid="pad-landmarks">
        {LANDMARKS.map((l) => {
          const px = sc.x(l.n);
          const py = sc.y(l.s);
          const at = LABEL[l.id];
          return (
            <g key={l.id} style={{ color: `var(--c-${l.id})` }} data-testid={`pad-landmark-${l.id}`}>
              {l.isLimit ? (
                <path className="pad-landmark" d={`M${px},${py - 6}L${px + 6},${py}L${px},${py + 6}L${px - 6},${py}Z`} />
              ) : (
                <circle className="pad-landmark" cx={px} cy={py} r={5.5} />
              )}
              <text className="pad-landmark-label" x={px + at.dx} y={py + at.dy} textAnchor={at.anchor}>
                {l.label}
                {l.isLimit ? ' (n → ∞)' : ''}
              </text>
            </g>
          );
        })}
      </g>
    </g>
  );
}

export const PadBackdrop = memo(PadBackdropImpl);
