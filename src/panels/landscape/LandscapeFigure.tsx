/**
 * The landscape figure of the page's task: the committed file's heat map (accuracy or loss, from
 * the URL), the page's runs on that task drawn over it, the picked cell and what to do with it.
 * A missing or malformed file gives a note in the frame instead of a chart. Also #embed=landscape.
 */
import { memo, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useAppState } from '../../app/useAppState';
import { useWidth } from '../../charts/axes/useWidth';
import { HeatMap, type HeatTrack } from '../../charts/landscape/HeatMap';
import { FigureFrame } from '../../charts/frame/FigureFrame';
import { bestCell, type CellSummary } from '../../core/landscapeStats';
import type { LandscapeFile } from '../../core/landscapeFile';
import { SCHEMA, type LandscapeMetric, type TaskId } from '../../state/schema';
import { appStore } from '../../state/store';
import { useOnScreen } from '../train/useOnScreen';
import { useRunEntries, useRuns } from '../useRun';
import { CellActions } from './CellActions';
import { LANDSCAPE_MEASURE, useLandscape, type LandscapeLoad } from './landscapeSource';
import common from '../../app/common.module.css';
import controls from '../controls/controls.module.css';
import parts from '../../charts/shared/chartParts.module.css';
import styles from './landscapePanel.module.css';

/** The page's runs on `task`, as tracks over its landscape (trajectories, or clouds of per-neuron runs). */
function useTracks(task: TaskId, active: boolean): HeatTrack[] {
  const train = useRunEntries('train');
  const compare = useRunEntries('compare');
  const entries = useMemo(() => [...train, ...compare].filter((e) => e.config.task === task && e.config.mode !== 'tanh' && e.config.mode !== 'relu'), [train, compare, task]);
  const ids = useMemo(() => entries.map((e) => e.runId), [entries]);
  const views = useRuns(ids, { hz: 2, active, name: 'landscape' });
  return entries.flatMap((e, i) => {
    const v = views[i];
    if (!v || (!v.trajectory.length && !v.current)) return [];
    const cloud = v.current && v.current.n.length > 1 ? v.current : undefined;
    return [{ key: e.runId, label: e.label, colour: e.colour, cloud, trajectory: cloud ? undefined : v.trajectory.map((f) => f.value) }];
  });
}

export function MissingNote({ load }: { load: LandscapeLoad }) {
  const label = SCHEMA.task.labels[load.task];
  const cmd = `npm run landscape -- --task ${load.task}`;
  if (load.status === 'loading') return <p className={common.loading}>Loading the landscape…</p>;
  if (load.status === 'missing') {
    return (
      <div className={`${controls.notice} ${controls.info}`} role="status" data-testid="landscape-missing">
        <p>
          There is no landscape for <strong title={load.detail}>{label}</strong> yet. Anyone with the source can make one: <code>{cmd}</code>{' '}
          trains a small network at every (n, s) of a grid, three seeds each, and writes <code>public/landscape/{load.task}.json</code>.
        </p>
      </div>
    );
  }
  if (load.status === 'invalid') {
    return (
      <div className={`${controls.notice} ${controls.warn}`} role="alert" data-testid="landscape-invalid">
        <p>
          The landscape file for <strong>{label}</strong> could not be read, so no map is drawn: {load.error}. Recompute it with <code>{cmd}</code>.
        </p>
      </div>
    );
  }
  return null;
}

function csvRows(cells: readonly CellSummary[]) {
  return {
    columns: ['n', 's', 'runs_finished', 'runs_diverged', 'accuracy_mean', 'accuracy_sd', 'accuracy_min', 'accuracy_max', 'loss_mean', 'loss_sd', 'loss_min', 'loss_max'],
    rows: cells.map((c) => [c.n, c.s, c.finished, c.diverged, c.accuracy?.mean, c.accuracy?.sd, c.accuracy?.min, c.accuracy?.max, c.loss?.mean, c.loss?.sd, c.loss?.min, c.loss?.max]),
  };
}

function MetricSelect({ metric }: { metric: LandscapeMetric }) {
  return (
    <label className={styles.figureTool}>
      {SCHEMA.lmetric.label}{' '}
      <select value={metric} onChange={(e) => appStore().set({ lmetric: e.target.value as LandscapeMetric })} data-testid="landscape-metric">
        {SCHEMA.lmetric.options.map((o) => (
          <option key={o} value={o}>
            {SCHEMA.lmetric.labels[o]}
          </option>
        ))}
      </select>
    </label>
  );
}

interface ReadyProps {
  file: LandscapeFile;
  cells: readonly CellSummary[];
  arrivedMark: string;
  metric: LandscapeMetric;
  active: boolean;
  actions: boolean;
  /** The figure's width, measured while the file loads. */
  width: number;
}

/** Loads already timed (a file is fetched once per session; later draws are not loads). */
const measured = new Set<string>();

function ReadyMap({ file, cells, arrivedMark, metric, active, actions, width }: ReadyProps) {
  const best = useMemo(() => bestCell(cells, metric), [cells, metric]);
  const [picked, setPicked] = useState<{ n: number; s: number } | null>(null);
  const selected = (picked && cells.find((c) => c.n === picked.n && c.s === picked.s)) || best;
  // The map first; the picked cell's details and buttons in a render of their own right after.
  const detailed = useDeferredValue(selected, null);
  const tracks = useTracks(file.task, active);
  const n = useDeferredValue(useAppState((st) => st.n));
  const s = useDeferredValue(useAppState((st) => st.s));
  const here = useMemo(() => ({ n, s }), [n, s]);
  const onDrawn = useCallback(() => {
    // The first draw after the file arrived: from its text in hand to the cells on the page.
    if (measured.has(arrivedMark)) return;
    measured.add(arrivedMark);
    try {
      performance.measure(LANDSCAPE_MEASURE, { start: arrivedMark });
    } catch {
      /* the start mark was cleared (a test harness): nothing to measure from */
    }
  }, [arrivedMark]);
  const chance = metric === 'accuracy' ? file.test.chanceAccuracy : file.test.chanceLoss;
  return (
    <div data-testid="landscape-ready">
      <HeatMap
        cells={cells}
        grid={file.grid}
        metric={metric}
        chance={chance}
        seeds={file.seeds.length}
        best={best}
        selected={selected ?? undefined}
        tracks={tracks}
        here={here}
        onSelect={(c) => setPicked({ n: c.n, s: c.s })}
        onDrawn={onDrawn}
        width={width > 0 ? width : undefined}
      />
      {tracks.length > 0 && (
        <p className={parts.legendNote} data-testid="landscape-tracks">
          Drawn over the map:{' '}
          {tracks.map((t, i) => (
            <span key={t.key}>
              {i > 0 ? ', ' : ''}
              <span className={parts.swatch} style={{ background: t.colour }} /> {t.label}
            </span>
          ))}
          .
        </p>
      )}
      {actions && detailed && <CellActions cell={detailed} file={file} isBest={detailed === best} />}
    </div>
  );
}

export const LandscapeFigure = memo(function LandscapeFigure({ actions = true }: { actions?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const active = useOnScreen(ref);
  const task = useAppState((st) => st.task);
  const metric = useAppState((st) => st.lmetric);
  const load = useLandscape(task);
  const ready = load.status === 'ready' ? load : null;
  // Measured while the file loads, so the map mounts at its size in one pass.
  const [bodyRef, width] = useWidth<HTMLDivElement>();
  return (
    <div ref={ref}>
      <FigureFrame
        name="landscape"
        title={`Landscape: ${ready ? ready.file.title : SCHEMA.task.labels[task]}`}
        testId="figure-landscape"
        embed="landscape"
        tools={<MetricSelect metric={metric} />}
        attrs={{ 'data-status': load.status, 'data-task': task }}
        data={ready ? () => csvRows(ready.cells) : undefined}
        settings={
          ready
            ? { task, steps: ready.file.steps, seeds: ready.file.seeds.join(' '), mode: 'static', N: ready.file.settings.hidden, batch: ready.file.settings.batch, lr: ready.file.settings.lr, clip: ready.file.settings.clip, delay: ready.file.settings.delay, commit: ready.file.code.commit }
            : undefined
        }
        caption={
          ready ? (
            <p>
              Each cell: networks trained {ready.file.steps} steps with γ fixed at that (n, s), {ready.file.seeds.length} seeds, scored on{' '}
              {ready.file.test.sequences} test sequences. The red curve is sup γ′ = 1 (above it, units stretch their input). Lines
              and dots are runs on this page for this task; a hatched cell diverged on every seed, a slashed one on some.
            </p>
          ) : undefined
        }
      >
        <div ref={bodyRef}>
          {ready ? <ReadyMap key={task} file={ready.file} cells={ready.cells} arrivedMark={ready.arrivedMark} metric={metric} active={active} actions={actions} width={width} /> : <MissingNote load={load} />}
        </div>
      </FigureFrame>
    </div>
  );
});
