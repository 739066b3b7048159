/**
 * The performance landscape on the (n, s) pad, with the pad's own scales: one rectangle per grid
 * cell in an SVG under the pad's own (coloured by the mean across seeds), the sup γ′ = 1 edge and
 * landmarks from the pad, the best cell ringed, the picked cell dashed, learned (n, s) paths and
 * clouds of runs on top, and each cell's spread across seeds on hover or keyboard focus.
 * A grid has tens to a few hundred cells, so SVG rectangles draw sooner than a canvas would: the
 * first 2D drawing on a page pays for setting up its raster (about 17 ms here), the rectangles do not.
 * Plain data in; onDrawn is told once the cells are on the page.
 */
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { CellSummary } from '../../core/landscapeStats';
import { useWidth } from '../axes/useWidth';
import { NSPad, PAD_MARGIN, padHeight } from '../NSPad';
import { PadMarks, type PadCloud, type PadPoint } from '../pad/PadMarks';
import { padScales, type PadScales } from '../pad/padGeometry';
import { CellTip } from './CellTip';
import { cellUnder, colourScale, heatGrid, valueOf, type ColourScale, type HeatGrid, type Metric } from './heatGeometry';
import { HeatLegend } from './HeatLegend';
import pad from '../pad/pad.module.css';
import styles from './heatMap.module.css';

export interface HeatTrack {
  key: string;
  label: string;
  colour: string;
  trajectory?: readonly PadPoint[];
  cloud?: PadCloud;
}

export interface HeatMapProps {
  cells: readonly CellSummary[];
  grid: { n: readonly number[]; s: readonly number[] };
  metric: Metric;
  /** The input-blind guess's value of the metric (the legend marks it). */
  chance: number;
  /** Seeds per cell, for the legend's wording. */
  seeds: number;
  best?: CellSummary;
  selected?: CellSummary;
  tracks: readonly HeatTrack[];
  /** The page's (n, s), drawn as the pad's (read-only) handle. */
  here?: { n: number; s: number };
  onSelect?: (c: CellSummary) => void;
  /** Width in px, when the parent knows it (saves a measure, and a layout, as the map mounts). */
  width?: number;
  /** Called after the cells are drawn (on mount, and when the width, cells or metric change). */
  onDrawn?: () => void;
}

/** Rectangle of a cell in plot pixels. */
function cellRect(sc: PadScales, g: HeatGrid, c: CellSummary) {
  const [n0, n1] = g.nEdges[c.i];
  const [s0, s1] = g.sEdges[c.j];
  const x = sc.x(n0);
  const y = sc.y(s1);
  return { x, y, w: sc.x(n1) - x, h: sc.y(s0) - y };
}

/** The cells under the pad: colour by the metric; a cell whose every run diverged is grey-hatched instead. */
function HeatCells({ iw, ih, sc, g, cells, metric, cs }: { iw: number; ih: number; sc: PadScales; g: HeatGrid; cells: readonly CellSummary[]; metric: Metric; cs: ColourScale }) {
  const hatchId = useId();
  return (
    <svg className={styles.cells} style={{ left: PAD_MARGIN.left, top: PAD_MARGIN.top }} width={iw} height={ih} shapeRendering="crispEdges" aria-hidden="true" data-testid="landscape-cells" data-drawn={cells.length}>
      <defs>
        <pattern id={hatchId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line className={styles.hatch} x1={0} y1={0} x2={0} y2={6} />
        </pattern>
      </defs>
      {cells.map((c) => {
        const r = cellRect(sc, g, c);
        const v = valueOf(c, metric);
        // Half a pixel of overlap hides seams between neighbours.
        return v === null ? (
          <rect key={`${c.i},${c.j}`} x={r.x} y={r.y} width={r.w} height={r.h} fill={`url(#${hatchId})`} data-n={c.n} data-s={c.s} />
        ) : (
          <rect key={`${c.i},${c.j}`} x={r.x - 0.25} y={r.y - 0.25} width={r.w + 0.5} height={r.h + 0.5} fill={cs.colour(v)} data-n={c.n} data-s={c.s} />
        );
      })}
    </svg>
  );
}

function HeatMapImpl({ cells, grid, metric, chance, seeds, best, selected, tracks, here, onSelect, onDrawn, width }: HeatMapProps) {
  const [wrapRef, measured] = useWidth<HTMLDivElement>(width !== undefined);
  const W = width ?? measured;
  const H = padHeight(W);
  const iw = Math.max(10, W - PAD_MARGIN.left - PAD_MARGIN.right);
  const ih = Math.max(10, H - PAD_MARGIN.top - PAD_MARGIN.bottom);
  const g = useMemo(() => heatGrid(grid), [grid]);
  const cs = useMemo(() => colourScale(cells, metric, chance), [cells, metric, chance]);
  // The pad's own scales for this plot size (NSPad builds the same ones for its layers).
  const padSc = useMemo(() => padScales(iw, ih), [iw, ih]);
  const [active, setActive] = useState<CellSummary | null>(null);
  const onDrawnRef = useRef(onDrawn);
  useEffect(() => {
    onDrawnRef.current = onDrawn;
  });
  // A layout effect: the cells are in the page as the browser lays it out and paints it next.
  useLayoutEffect(() => {
    if (W > 0) onDrawnRef.current?.();
  }, [W, cells, metric]);

  const pick = (sc: PadScales, e: PointerEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return cellUnder(cells, g, sc.x.invert(e.clientX - r.left), sc.y.invert(e.clientY - r.top)) ?? null;
  };
  const onKey = (e: KeyboardEvent<SVGRectElement>) => {
    const from = active ?? selected ?? best ?? cells[0];
    if (!from) return;
    const move: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect?.(from);
      return;
    }
    const d = move[e.key];
    if (!d) return;
    e.preventDefault();
    setActive(cells.find((c) => c.i === from.i + d[0] && c.j === from.j + d[1]) ?? from);
  };

  const layers = (sc: PadScales) => (
    <>
      {cells.map((c) => {
        if (!c.diverged || !c.finished) return null;
        // Some but not all runs diverged: a slash across the colour.
        const r = cellRect(sc, g, c);
        return <line key={`d${c.i},${c.j}`} className={styles.partial} x1={r.x + 3} y1={r.y + r.h - 3} x2={r.x + r.w - 3} y2={r.y + 3} />;
      })}
      {best && <BestMark r={cellRect(sc, g, best)} n={best.n} s={best.s} />}
      {selected && selected !== best && <rect className={styles.selected} {...rectAttrs(cellRect(sc, g, selected), 4)} data-testid="landscape-selected" data-n={selected.n} data-s={selected.s} />}
      {active && <rect className={styles.active} {...rectAttrs(cellRect(sc, g, active), 1)} />}
      {tracks.map((t, i) => (
        <PadMarks key={t.key} sc={sc} trajectory={t.trajectory} cloud={t.cloud} colour={t.colour} countOutside={i === 0} testId={`landscape-track-${i}`} />
      ))}
      <rect
        className={styles.catcher}
        width={sc.x.range()[1]}
        height={sc.y.range()[0]}
        tabIndex={0}
        role="application"
        aria-label="Landscape cells: arrow keys move between cells, Enter picks one"
        data-testid="landscape-catcher"
        onPointerMove={(e) => setActive(pick(sc, e))}
        onPointerLeave={() => setActive(null)}
        onClick={(e) => {
          const c = pick(sc, e as unknown as PointerEvent<SVGRectElement>);
          if (c) onSelect?.(c);
        }}
        onKeyDown={onKey}
        onBlur={() => setActive(null)}
      />
    </>
  );

  const tipCell = active;
  const tipAt = tipCell ? cellRect(padSc, g, tipCell) : null;
  return (
    <div className={styles.heat} data-testid="landscape-heat" data-metric={metric}>
      <div className={`${styles.padWrap} ${pad.seeThrough}`} ref={wrapRef}>
        {W > 0 && (
          <>
            <HeatCells iw={iw} ih={ih} sc={padSc} g={g} cells={cells} metric={metric} cs={cs} />
            <NSPad width={W} height={H} readOnly n={here?.n} s={here?.s} contours={false} layers={layers} label="performance landscape" />
          </>
        )}
        {tipCell && tipAt && (
          <CellTip cell={tipCell} metric={metric} x={PAD_MARGIN.left + tipAt.x + tipAt.w / 2} y={PAD_MARGIN.top + tipAt.y} flip={tipAt.y < 90} width={W} />
        )}
      </div>
      <HeatLegend scale={cs} metric={metric} chance={chance} seeds={seeds} width={W} />
    </div>
  );
}

/** A ring at the best cell's centre, labelled. */
function BestMark({ r, n, s }: { r: { x: number; y: number; w: number; h: number }; n: number; s: number }) {
  const cx = r.x + r.w / 2;
  const cy = r.y + r.h / 2;
  return (
    <g className={styles.best} data-testid="landscape-best" data-n={n} data-s={s}>
      <circle cx={cx} cy={cy} r={7} />
      <text x={cx} y={cy - 11} textAnchor="middle">
        best
      </text>
    </g>
  );
}

function rectAttrs(r: { x: number; y: number; w: number; h: number }, inset: number) {
  return { x: r.x + inset, y: r.y + inset, width: Math.max(0, r.w - 2 * inset), height: Math.max(0, r.h - 2 * inset) };
}

export const HeatMap = memo(HeatMapImpl);
