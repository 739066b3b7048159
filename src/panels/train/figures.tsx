/**
 * The training figures, connected to the Train section's run and the page's settings. Each is also
 * an embed target (#embed=loss, activation, portrait, preact, phaseplane): embedded alone it carries
 * the train buttons and status so the figure can be brought to life inside an iframe.
 * Each is memoised and subscribes only to what it draws: the run's view (on the shared figure clock,
 * and only while on screen) and the settings it shows. Figures that follow the page's n and s read
 * them deferred, so a drag repaints the family figures first and these follow in a lower-priority
 * render.
 */
import { memo, useCallback, useContext, useDeferredValue, useMemo, useRef, useState } from 'react';
import { FigureChrome } from '../../charts/frame/FigureFrame';
import { activationOf } from '../../core/activation';
import { useAppState } from '../../app/useAppState';
import { LossChart } from '../../charts/loss/LossChart';
import type { LossSeries } from '../../charts/loss/lossSeries';
import { ActivationEvolution } from '../../charts/activation/ActivationEvolution';
import { median } from '../../charts/activation/activationCurves';
import { PortraitChart } from '../../charts/portrait/PortraitChart';
import { PreactChart } from '../../charts/preact/PreactChart';
import { PhasePlaneChart } from '../../charts/phaseplane/PhasePlaneChart';
import { frameAt } from '../../core/thinningLog';
import { PC_PAIRS, type AppState } from '../../state/schema';
import { appStore } from '../../state/store';
import type { RunView } from '../../state/runTypes';
import { ParamSliders } from '../family/ParamSliders';
import { useRun, useRunValue } from '../useRun';
import { chanceFor } from './chance';
import { csvSettings } from './csvSettings';
import { TrainButtons } from './TrainButtons';
import { useTrainEntry } from './trainRun';
import { useOnScreen } from './useOnScreen';
import controls from '../controls/controls.module.css';
import slot from '../../app/figureSlot.module.css';
import styles from './trainPanel.module.css';

interface Embeddable {
  /** Show the train buttons above the figure (default: yes, for an embed). */
  controls?: boolean;
}

interface Timed extends Embeddable {
  time?: number | null;
  onTime?: (t: number | null) => void;
}

const statusOf = (v: RunView | null) => v?.status ?? 'idle';
const stepOf = (v: RunView | null) => v?.step ?? 0;
const backendOf = (v: RunView | null) => v?.backendName ?? null;

function MiniControls() {
  const { bare } = useContext(FigureChrome);
  const runId = useTrainEntry()?.runId ?? null;
  const status = useRunValue(runId, statusOf, { hz: 4, name: 'mini-controls' });
  const step = useRunValue(runId, stepOf, { hz: 4, name: 'mini-controls' });
  const backend = useRunValue(runId, backendOf, { hz: 4, name: 'mini-controls' });
  if (bare) return null;
  return (
    <div className={controls.miniControls} data-testid="mini-controls">
      <TrainButtons status={status} />
      <span className={controls.miniStatus}>
        step <span data-testid="status-step">{step}</span>
        {backend ? ` · ${backend}` : ''}
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
  const [held, setHeld] = useState<[number, number]>([n, s]);
  // Adjusting state while rendering (React's pattern for values derived from the previous render).
  if (onScreen && (held[0] !== n || held[1] !== s)) setHeld([n, s]);
  return [useDeferredValue(onScreen ? n : held[0]), useDeferredValue(onScreen ? s : held[1])];
}

const setState = (patch: Partial<AppState>) => appStore().set(patch);

/** The Train section's run as the loss chart's one series. */
function trainSeries(view: RunView | null): LossSeries[] {
  const empty = { x: new Float64Array(0), y: new Float64Array(0), length: 0 };
  if (!view) return [{ key: 'none', label: 'this run', lossSmooth: empty, accSmooth: empty, tests: [] }];
  return [{ key: view.runId, label: 'this run', loss: view.loss, acc: view.acc, lossSmooth: view.lossSmooth, accSmooth: view.accSmooth, tests: view.tests }];
}

export const LossFigure = memo(function LossFigure({ controls = true }: Embeddable) {
  const ref = useRef<HTMLElement>(null);
  const entry = useTrainEntry();
  const view = useRun(entry?.runId ?? null, { active: useOnScreen(ref), name: 'loss' });
  const task = useAppState((s) => s.task);
  const seed = useAppState((s) => s.seed);
  const delay = useAppState((s) => s.delay);
  const logY = useAppState((s) => s.logy);
  const chance = chanceFor(task, seed, delay, view?.task ?? null);
  const series = useMemo(() => trainSeries(view), [view]);
  return (
    <figure className={`${slot.figureSlot} ${styles.trainFigure}`} data-testid="figure-loss" ref={ref}>
      {controls && <MiniControls />}
      <LossChart series={series} chanceLoss={chance?.loss} chanceAcc={chance?.acc} chanceLabel={chance?.label} logY={logY} onLogY={(v) => setState({ logy: v })} settings={csvSettings(entry?.config, view?.step)} />
    </figure>
  );
});

export const ActivationFigure = memo(function ActivationFigure({ controls = true, time, onTime }: Timed) {
  const ref = useRef<HTMLElement>(null);
  const entry = useTrainEntry();
  const view = useRun(entry?.runId ?? null, { hz: 5, active: useOnScreen(ref), name: 'activation' });
  const xr = useAppState((s) => s.xr);
  const pageMode = useAppState((s) => s.mode);
  return (
    <figure className={`${slot.figureSlot} ${styles.trainFigure}`} data-testid="figure-activation" ref={ref}>
      {controls && <MiniControls />}
      <ActivationEvolution view={view} mode={entry?.config.mode ?? pageMode} xr={xr} time={time} onTime={onTime} settings={csvSettings(entry?.config, view?.step)} />
    </figure>
  );
});

/** The newest portrait: the portrait figure redraws when a new one arrives, not per snapshot. */
const portraitsOf = (v: RunView | null) => v?.analyses.portrait ?? NO_FRAMES;
const NO_FRAMES: never[] = [];

export const PortraitFigure = memo(function PortraitFigure({ controls = true, time = null }: Timed) {
  const ref = useRef<HTMLElement>(null);
  const entry = useTrainEntry();
  const frames = useRunValue(entry?.runId ?? null, portraitsOf, { active: useOnScreen(ref), name: 'portrait' });
  const pcs = useAppState((s) => s.pcs);
  const colorBy = useAppState((s) => s.colorby);
  const onPair = useCallback((i: number) => setState({ pcs: PC_PAIRS[i] }), []);
  const onColorBy = useCallback((c: 'class' | 'time') => setState({ colorby: c }), []);
  return (
    <figure className={`${slot.figureSlot} ${styles.trainFigure}`} data-testid="figure-portrait" ref={ref}>
      {controls && <MiniControls />}
      <PortraitChart frames={frames} time={time} pair={PC_PAIRS.indexOf(pcs)} onPair={onPair} colorBy={colorBy} onColorBy={onColorBy} settings={csvSettings(entry?.config)} />
    </figure>
  );
});

export const PreactFigure = memo(function PreactFigure({ controls = true, time = null }: Timed) {
  const ref = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(ref);
  const entry = useTrainEntry();
  const view = useRun(entry?.runId ?? null, { hz: 2, active: onScreen, name: 'preact' });
  const pageMode = useAppState((s) => s.mode);
  // Replay: the histogram and the parameters of the chosen step.
  const hist = time === null ? view?.analyses.preact.at(-1) : frameAt(view?.analyses.preact ?? [], time);
  const params = time === null ? view?.current : frameAt(view?.frames ?? [], time)?.value;
  const perNeuron = (params?.n.length ?? 1) > 1;
  // Before the first snapshot the curve is the one the next run starts from: the page's n and s.
  const [fn, fs] = useFollowedParams(onScreen);
  const n = params && params.n.length ? (perNeuron ? median(params.n) : params.n[0]) : fn;
  const s = params && params.s.length ? (perNeuron ? median(params.s) : params.s[0]) : fs;
  const act = useMemo(() => activationOf(entry?.config.mode ?? pageMode, n, s), [entry, pageMode, n, s]);
  return (
    <figure className={`${slot.figureSlot} ${styles.trainFigure}`} data-testid="figure-preact" ref={ref}>
      {controls && <MiniControls />}
      <PreactChart preact={hist?.value ?? null} act={act} median={perNeuron} step={time === null ? null : (hist?.step ?? null)} settings={csvSettings(entry?.config, hist?.step)} />
    </figure>
  );
});

/**
 * The phase plane follows the page's n and s (deferred, and held while off screen); its own
 * sliders write them too. Its network and dynamics live in the URL.
 */
export const PhasePlaneFigure = memo(function PhasePlaneFigure({ controls = true }: Embeddable) {
  const ref = useRef<HTMLElement>(null);
  const { bare } = useContext(FigureChrome);
  const [n, s] = useFollowedParams(useOnScreen(ref));
  const network = useAppState((st) => st.pp);
  const dynamics = useAppState((st) => st.ppdyn);
  return (
    <figure className={`${slot.figureSlot} ${styles.trainFigure}`} data-testid="figure-phaseplane" ref={ref}>
      <PhasePlaneChart n={n} s={s} preset={network} dynamics={dynamics} onPreset={(pp) => setState({ pp })} onDynamics={(ppdyn) => setState({ ppdyn })} />
      {controls && !bare && <ParamSliders className={styles.phaseSliders} />}
    </figure>
  );
});
