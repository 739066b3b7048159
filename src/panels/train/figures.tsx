/**
 * The training figures connected to the app state and the current run. Each is also an embed
 * target (#embed=loss, activation, portrait, preact, phaseplane): embedded alone it carries the
 * train buttons and status so the figure can be brought to life inside an iframe.
 * Each is memoised and subscribes only to what it draws: the run (on the shared figure clock) and
 * the settings it shows. Figures that follow the page's n and s read them deferred, so a drag
 * repaints the family figures first and these follow in a lower-priority render.
 */
import { memo, useDeferredValue, useRef, useState } from 'react';
import { useAppState } from '../../app/useAppState';
import { LossChart } from '../../charts/LossChart';
import { ActivationEvolution } from '../../charts/ActivationEvolution';
import { PortraitChart } from '../../charts/PortraitChart';
import { PreactChart } from '../../charts/PreactChart';
import { PhasePlaneChart } from '../../charts/PhasePlaneChart';
import { median } from '../../charts/train/activationCurves';
import { ParamSliders } from '../family/ParamSliders';
import { chanceFor } from './chance';
import { TrainButtons } from './TrainButtons';
import { FIGURE_HZ, useRun, useRunId, useRunValue } from './useRun';
import { useOnScreen } from './useOnScreen';
import { runStore, type RunHistory } from '../../state/runStore';

interface Embeddable {
  /** Show the train buttons above the figure (default: yes, for an embed). */
  controls?: boolean;
}

interface Timed extends Embeddable {
  time?: number | null;
  onTime?: (t: number | null) => void;
}

function MiniControls() {
  const { run } = useRun(4, true, 'mini-controls');
  return (
    <div className="mini-controls" data-testid="mini-controls">
      <TrainButtons status={run.status} />
      <span className="mini-status">
        step {run.step}
        {run.backendName ? ` · ${run.backendName}` : ''}
      </span>
    </div>
  );
}

/**
 * The page's n and s for a figure that follows them: deferred (the family figures and sliders
 * paint first, this figure in a lower-priority render) and held while the figure is off screen.
 */
function useFollowedParams(onScreen: boolean): [number, number] {
  const n = useAppState((st) => st.n);
  const s = useAppState((st) => st.s);
  const held = useRef<[number, number]>([n, s]);
  if (onScreen && (held.current[0] !== n || held.current[1] !== s)) held.current = [n, s];
  return [useDeferredValue(held.current[0]), useDeferredValue(held.current[1])];
}

export const LossFigure = memo(function LossFigure({ controls = true }: Embeddable) {
  const ref = useRef<HTMLElement>(null);
  const { run, version } = useRun(FIGURE_HZ, useOnScreen(ref), 'loss');
  const task = useAppState((s) => s.task);
  const seed = useAppState((s) => s.seed);
  const delay = useAppState((s) => s.delay);
  const chance = chanceFor(task, seed, delay, run.task);
  return (
    <figure className="figure train-figure" data-testid="figure-loss" ref={ref}>
      {controls && <MiniControls />}
      <LossChart run={run} version={version} chanceLoss={chance?.loss} chanceAcc={chance?.acc} chanceLabel={chance?.label} />
    </figure>
  );
});

export const ActivationFigure = memo(function ActivationFigure({ controls = true, time, onTime }: Timed) {
  const ref = useRef<HTMLElement>(null);
  const { run, version } = useRun(FIGURE_HZ, useOnScreen(ref), 'activation');
  const xr = useAppState((s) => s.xr);
  return (
    <figure className="figure train-figure" data-testid="figure-activation" ref={ref}>
      {controls && <MiniControls />}
      <ActivationEvolution run={run} version={version} xr={xr} time={time} onTime={onTime} />
    </figure>
  );
});

/** Step of the newest portrait: the portrait figure redraws when a new one arrives, not per snapshot. */
const newestPortrait = (r: RunHistory) => r.portraits.latest()?.step ?? -1;

export const PortraitFigure = memo(function PortraitFigure({ controls = true, time = null }: Timed) {
  const ref = useRef<HTMLElement>(null);
  const run = runStore().run(useRunId());
  const version = useRunValue(newestPortrait, FIGURE_HZ, useOnScreen(ref), 'portrait');
  return (
    <figure className="figure train-figure" data-testid="figure-portrait" ref={ref}>
      {controls && <MiniControls />}
      <PortraitChart run={run} version={version} time={time} />
    </figure>
  );
});

export const PreactFigure = memo(function PreactFigure({ controls = true }: Embeddable) {
  const ref = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(ref);
  const { run } = useRun(4, onScreen, 'preact');
  const cur = run.current;
  const perNeuron = (cur?.n.length ?? 1) > 1;
  const n = cur ? (perNeuron ? median(cur.n) : cur.n[0]) : NaN;
  const s = cur ? (perNeuron ? median(cur.s) : cur.s[0]) : NaN;
  // Before the first snapshot the curve is the one the next run starts from: the page's n and s.
  const [fn, fs] = useFollowedParams(onScreen);
  return (
    <figure className="figure train-figure" data-testid="figure-preact" ref={ref}>
      {controls && <MiniControls />}
      <PreactChart preact={run.preact} n={Number.isFinite(n) ? n : fn} s={Number.isFinite(s) ? s : fs} median={perNeuron} />
    </figure>
  );
});

/**
 * The phase plane follows the page's n and s (deferred, and held while off screen); its own
 * sliders write them too.
 */
export const PhasePlaneFigure = memo(function PhasePlaneFigure({ controls = true }: Embeddable) {
  const ref = useRef<HTMLElement>(null);
  const [n, s] = useFollowedParams(useOnScreen(ref));
  return (
    <figure className="figure train-figure" data-testid="figure-phaseplane" ref={ref}>
      <PhasePlaneChart n={n} s={s} />
      {controls && <ParamSliders />}
    </figure>
  );
});

/** Shared replay time for the activation and portrait figures. */
export function useReplayTime(): [number | null, (t: number | null) => void] {
  return useState<number | null>(null);
}
