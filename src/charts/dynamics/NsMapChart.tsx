/**
 * A map over (n, s) drawn on the pad: a heat map of one measure of untrained networks, an optional
 * contour, the sup γ′ = 1 curve, the current run's (n, s) on top, a colour legend and the map's
 * progress while the background worker refines it. Takes plain data; sits in a FigureFrame.
 */
import { memo, useCallback, useMemo, type ReactNode } from 'react';
import type { FigureId } from '../../state/schema';
import type { CsvSettings } from '../exportFormat';
import { FigureFrame } from '../frame/FigureFrame';
import { NSPad } from '../NSPad';
import { useWidth } from '../axes/useWidth';
import type { PadScales } from '../pad/padGeometry';
import { ColourLegend } from './ColourLegend';
import { MapLayer } from './MapLayer';
import { MapProgress } from './MapProgress';
import type { MapColour } from './mapColours';
import type { MapGrid } from './mapGeometry';
import { RunMarks, type RunMarksData } from './RunMarks';
import styles from './dynamics.module.css';

export interface NsMapView {
  grid: MapGrid;
  /** What to draw, in display units: computed cells and, elsewhere, the nearest coarser cell. */
  values: Float64Array;
  /** 1 where computed. */
  computed: Uint8Array;
  done: number;
  total: number;
  /** The coarsest level is in: the values cover the pad. */
  coarse: boolean;
  complete: boolean;
  ms?: number;
  errors: readonly string[];
}

export interface NsMapChartProps {
  name: string;
  title: string;
  embed: FigureId;
  map: NsMapView | null;
  error: string | null;
  colour: MapColour;
  legend: string;
  legendMark?: { t: number; label: string };
  contourAt?: number;
  format: (v: number) => string;
  /** CSV column of the value. */
  valueColumn: string;
  /** The run's activation on the map; null: no run. */
  run: RunMarksData | null;
  /** Shown when there is no run: the (n, s) a new run would start from. */
  handle?: { n: number; s: number };
  /** A line under the map (this run's own value). */
  readout?: ReactNode;
  caption: ReactNode;
  settings?: CsvSettings;
  padLabel: string;
}

function NsMapChartImpl(p: NsMapChartProps) {
  const { map, name } = p;
  const [legendRef, width] = useWidth<HTMLDivElement>();
  const layers = useCallback(
    (sc: PadScales, size: { iw: number; ih: number }) => (
      <>
        {map && <MapLayer iw={size.iw} ih={size.ih} grid={map.grid} values={map.values} colour={p.colour} contourAt={p.contourAt} covered={map.coarse} format={p.format} testId={`${name}-layer`} />}
        {p.run && <RunMarks sc={sc} {...p.run} testId={`${name}-marks`} />}
      </>
    ),
    [map, p.colour, p.contourAt, p.format, p.run, name],
  );
  // Computed cells whose computation failed (NaN); the worker names the errors.
  const failed = useMemo(() => (map ? map.values.reduce((a, v, c) => a + (map.computed[c] && !Number.isFinite(v) ? 1 : 0), 0) : 0), [map]);
  const data = useMemo(
    () => () => {
      if (!map) return { columns: ['n', 's', p.valueColumn, 'computed'], rows: [] };
      const nx = map.grid.n.length;
      return Array.from(map.values, (v, c) => ({ n: map.grid.n[c % nx], s: map.grid.s[Math.floor(c / nx)], [p.valueColumn]: map.computed[c] ? v : null, computed: map.computed[c] === 1 }));
    },
    [map, p.valueColumn],
  );
  return (
    <FigureFrame name={name} title={p.title} testId={`${name}-chart`} className={styles.dynMap} embed={p.embed} data={data} settings={p.settings} caption={p.caption} attrs={{ 'data-complete': map?.complete ? 1 : 0, 'data-done': map?.done ?? 0 }}>
      <NSPad readOnly contours={false} layers={layers} n={p.run ? undefined : p.handle?.n} s={p.run ? undefined : p.handle?.s} label={p.padLabel} />
      <div className={styles.mapFoot} ref={legendRef}>
        <ColourLegend scale={p.colour} width={Math.min(320, width - 30)} label={p.legend} mark={p.legendMark} testId={`${name}-legend`} />
        {map ? <MapProgress done={map.done} total={map.total} complete={map.complete} ms={map.ms} failed={failed} testId={`${name}-progress`} /> : !p.error && <p className={styles.mapProgress}>waiting for the background worker…</p>}
        {map && map.errors.length > 0 && <p className={styles.dynError}>Some cells failed: {map.errors.join('; ')}</p>}
        {p.error && (
          <p className={styles.dynError} role="alert">
            The map could not be computed: {p.error}
          </p>
        )}
        {p.readout}
      </div>
    </FigureFrame>
  );
}

export const NsMapChart = memo(NsMapChartImpl);
