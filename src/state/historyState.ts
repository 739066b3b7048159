/**
 * One run's history as plain data and back: everything RunHistory keeps that a loaded run needs to
 * show its past in every figure and to go on exactly as it would have (decimated series with their
 * buckets, thinned logs with their strides, the smoothing state). What belongs to one page session
 * (backend report, fallbacks, errors, restarts) is not kept: the new worker reports its own.
 */
import type { SeriesState } from '../core/decimate';
import type { LogState } from '../core/thinningLog';
import type { TaskInfo } from '../core/taskTypes';
import type { AnalysisId, AnalysisResults, TestPoint } from '../engine/protocol';
import type { RunHistory } from './runHistory';
import type { ParamSet, TrajectoryPoint } from './runTypes';

export const SERIES = ['loss', 'lossSmooth', 'acc', 'accSmooth'] as const;
export type SeriesName = (typeof SERIES)[number];

export interface HistoryState {
  /** Steps done, on the page's axis. */
  step: number;
  stepOffset: number;
  /** Last step in the series (−Infinity when empty). */
  lastX: number;
  lr: number;
  task: TaskInfo | null;
  ema: { loss: [number, number]; acc: [number, number] };
  series: Record<SeriesName, SeriesState>;
  tests: LogState<TestPoint>;
  trajectory: LogState<TrajectoryPoint>;
  frames: LogState<ParamSet>;
  trail: LogState<ParamSet>;
  analyses: { [K in AnalysisId]: LogState<AnalysisResults[K]> };
  initial: ParamSet | null;
  current: ParamSet | null;
}

/** The history's contents now; cheap (columns are copied, logged values shared: they are never mutated). */
export function exportHistory(h: RunHistory): HistoryState {
  const analyses = Object.fromEntries((Object.keys(h.analyses) as AnalysisId[]).map((id) => [id, h.analyses[id].state()]));
  return {
    step: h.step,
    stepOffset: h.stepOffset,
    lastX: h.lastX,
    lr: h.lr,
    task: h.task,
    ema: { loss: h.lossEma.state(), acc: h.accEma.state() },
    series: { loss: h.loss.state(), lossSmooth: h.lossSmooth.state(), acc: h.acc.state(), accSmooth: h.accSmooth.state() },
    tests: h.tests.state(),
    trajectory: h.trajectory.state(),
    frames: h.frames.state(),
    trail: h.trail.state(),
    analyses: analyses as HistoryState['analyses'],
    initial: h.initial,
    current: h.current,
  };
}

/**
 * Fills a fresh history with a saved one. The run stands paused at `checkpointStep` (page axis),
 * where its weights were saved; the worker's first messages take it on from there.
 */
export function importHistory(h: RunHistory, s: HistoryState, checkpointStep: number): void {
  h.clear();
  for (const name of SERIES) h[name].load(s.series[name]);
  h.tests.load(s.tests);
  h.trajectory.load(s.trajectory);
  h.frames.load(s.frames);
  h.trail.load(s.trail);
  for (const id of Object.keys(h.analyses) as AnalysisId[]) (h.analyses[id] as { load(st: LogState<unknown>): void }).load(s.analyses[id]);
  h.lossEma.load(s.ema.loss);
  h.accEma.load(s.ema.acc);
  h.lastX = s.lastX;
  h.stepOffset = s.stepOffset;
  h.step = Math.max(s.step, checkpointStep);
  h.checkpointStep = checkpointStep;
  h.lr = s.lr;
  h.task = s.task;
  h.initial = s.initial;
  h.current = s.current;
  h.status = h.step > 0 ? 'paused' : 'idle';
  h.version++;
}
