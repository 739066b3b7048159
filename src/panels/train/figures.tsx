/**
 * The training figures connected to the app state and the current run. Each is also an embed
 * target (#embed=loss, activation, portrait, preact, phaseplane): embedded alone it carries the
 * train buttons and status so the figure can be brought to life inside an iframe.
 */
import { useState } from 'react';
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
import { useRun } from './useRun';

interface Embeddable {
  /** Show the train buttons above the figure (default: yes, for an embed). */
  controls?: boolean;
}

interface Timed extends Embeddable {
  time?: number | null;
  onTime?: (t: number | null) => void;
}

function MiniControls() {
  const { run } = useRun(4);
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

export function LossFigure({ controls = true }: Embeddable) {
  const { run, version } = useRun();
  const task = useAppState((s) => s.task);
  const seed = useAppState((s) => s.seed);
  const delay = useAppState((s) => s.delay);
  const chance = chanceFor(task, seed, delay);
  return (
    <figure className="figure train-figure" data-testid="figure-loss">
      {controls && <MiniControls />}
      <LossChart run={run} version={version} chanceLoss={chance.loss} chanceAcc={chance.acc} chanceLabel={chance.label} />
    </figure>
  );
}

export function ActivationFigure({ controls = true, time, onTime }: Timed) {
  const { run, version } = useRun();
  const xr = useAppState((s) => s.xr);
  return (
    <figure className="figure train-figure" data-testid="figure-activation">
      {controls && <MiniControls />}
      <ActivationEvolution run={run} version={version} xr={xr} time={time} onTime={onTime} />
    </figure>
  );
}

export function PortraitFigure({ controls = true, time = null }: Timed) {
  const { run, version } = useRun();
  return (
    <figure className="figure train-figure" data-testid="figure-portrait">
      {controls && <MiniControls />}
      <PortraitChart run={run} version={version} time={time} />
    </figure>
  );
}

export function PreactFigure({ controls = true }: Embeddable) {
  const { run } = useRun(4);
  const cur = run.current;
  const perNeuron = (cur?.n.length ?? 1) > 1;
  const n = cur ? (perNeuron ? median(cur.n) : cur.n[0]) : NaN;
  const s = cur ? (perNeuron ? median(cur.s) : cur.s[0]) : NaN;
  const fn = useAppState((st) => st.n);
  const fs = useAppState((st) => st.s);
  return (
    <figure className="figure train-figure" data-testid="figure-preact">
      {controls && <MiniControls />}
      <PreactChart preact={run.preact} n={Number.isFinite(n) ? n : fn} s={Number.isFinite(s) ? s : fs} median={perNeuron} />
    </figure>
  );
}

/** The phase plane follows the page's n and s; its own sliders write them too. */
export function PhasePlaneFigure({ controls = true }: Embeddable) {
  const n = useAppState((st) => st.n);
  const s = useAppState((st) => st.s);
  return (
    <figure className="figure train-figure" data-testid="figure-phaseplane">
      <PhasePlaneChart n={n} s={s} />
      {controls && <ParamSliders />}
    </figure>
  );
}

/** Shared replay time for the activation and portrait figures. */
export function useReplayTime(): [number | null, (t: number | null) => void] {
  return useState<number | null>(null);
}
