/**
 * The two (n, s) maps of untrained networks of the run's size and seed (the page's settings before
 * any run): the mean one-step Jacobian norm with its contour at 1, and the mutual information
 * between hidden state and recent inputs, in bits. Computed in the dynamics worker, coarse first,
 * while on screen, and kept for the session; the run's (n, s) on top. Each is an embed target.
 */
import { memo, useMemo, useRef } from 'react';
import { useAppState } from '../../app/useAppState';
import { MI_CELL_DEFAULTS, UNTRAINED_DEFAULTS, type NsMapKind } from '../../core/nsMaps';
import { NsMapChart, type NsMapView } from '../../charts/dynamics/NsMapChart';
import { fmt3 } from '../../charts/axes/format';
import { bitsColour, RATIO_DECADES, ratioColour } from '../../charts/dynamics/mapColours';
import type { RunMarksData } from '../../charts/dynamics/RunMarks';
import type { RunView } from '../../state/runTypes';
import type { RunEntry } from '../../state/runController';
import { csvSettings } from '../train/csvSettings';
import { useTrainEntry } from '../train/trainRun';
import { useRun } from '../useRun';
import { miJob } from './jobs';
import { MAP_GRID } from './requests';
import { RunBar } from './RunBar';
import { MiReadout } from './MiReadout';
import { useFollowedJob } from './useFollowedJob';
import { isGammaRun, useDynamicsRun } from './useDynamicsRun';
import { useNsMap } from './useNsMap';
import { useVisible } from './useVisible';
import slot from '../../app/figureSlot.module.css';

interface Embeddable {
  controls?: boolean;
}

/** The run's activation on the map: its (n, s) path, or its per-neuron cloud. */
function runMarks(entry: RunEntry | undefined, trajectory: RunView['trajectory'] | undefined, current: RunView['current'] | undefined): RunMarksData | null {
  if (!isGammaRun(entry) || !entry) return null;
  if (current && current.n.length > 1) return { cloud: current };
  const path = trajectory?.map((f) => f.value) ?? [];
  return { trajectory: path.length ? path : [{ n: entry.config.n0, s: entry.config.s0 }] };
}

/** A map of the run's network size and seed, with the run on top; MI converted to bits. */
function useMapFigure(kind: NsMapKind, visible: boolean) {
  const entry = useTrainEntry();
  const pageHidden = useAppState((st) => st.hidden);
  const pageSeed = useAppState((st) => st.seed);
  const n = useAppState((st) => st.n);
  const s = useAppState((st) => st.s);
  const hidden = entry?.config.hidden ?? pageHidden;
  const seed = entry?.config.seed ?? pageSeed;
  const { map, error } = useNsMap(kind, hidden, seed, visible);
  const view = useMemo<NsMapView | null>(
    () => map && { grid: MAP_GRID, values: kind === 'mi' ? map.filled.map((v) => v / Math.LN2) : map.filled, computed: map.computed, done: map.done, total: map.total, coarse: map.coarse, complete: map.complete, ms: map.ms, errors: map.errors },
    [map, kind],
  );
  const run = useRun(entry?.runId ?? null, { hz: 1, active: visible, name: `${kind}-map` });
  const trajectory = run?.trajectory;
  const current = run?.current;
  // Re-derived only when the path or the current parameters move.
  const marks = useMemo(() => runMarks(entry, trajectory, current), [entry, trajectory, current]);
  const settings = { ...csvSettings(entry?.config), map: kind, N: hidden, seed, init: 'explorable', probes: UNTRAINED_DEFAULTS.probes, probe_steps: UNTRAINED_DEFAULTS.steps, inputs_per_step: UNTRAINED_DEFAULTS.inputs };
  // What every map chart takes from here.
  // Before any run, the pad's handle shows where a new run would start.
  const chart = { map: view, error, run: marks, handle: entry ? undefined : { n, s } };
  const onTop = marks ? 'Line and dot: the run’s (n, s) through training.' : entry ? `This run uses a fixed ${entry.config.mode === 'tanh' ? 'tanh' : 'ReLU'}, not a γ with an (n, s) of its own.` : 'The dot: the (n, s) a new run starts from.';
  return { hidden, seed, view, marks, settings, chart, onTop };
}

const fmtRatio = (v: number) => fmt3(v);
const fmtBitsCell = (v: number) => `${v.toFixed(2)} bits`;
const RATIO = ratioColour();
const RATIO_MARK = { t: 0.5, label: '1' };

export const GradMapFigure = memo(function GradMapFigure({ controls = true }: Embeddable) {
  const ref = useRef<HTMLElement>(null);
  const visible = useVisible(ref);
  const f = useMapFigure('gradient', visible);
  return (
    <figure className={slot.figure} data-testid="figure-gradmap" ref={ref}>
      {controls && <RunBar />}
      <NsMapChart
        {...f.chart}
        name="gradmap"
        title="Gradient propagation over (n, s)"
        embed="gradmap"
        colour={RATIO}
        legend="mean ‖diag(γ′)·Vᵀ‖ per step (log scale)"
        legendMark={RATIO_MARK}
        contourAt={1}
        format={fmtRatio}
        valueColumn="mean_step_jacobian_norm"
        settings={f.settings}
        padLabel={`mean step-Jacobian norm of untrained networks, N = ${f.hidden}`}
        caption={
          <p>
            Each cell: an untrained network of N = {f.hidden} neurons (seed {f.seed}; orthogonal V, zero biases) whose neurons all
            use γ(·; n, s), driven by {UNTRAINED_DEFAULTS.probes} sequences of {UNTRAINED_DEFAULTS.steps} random inputs; colour: the
            mean norm of one step’s Jacobian diag(γ′(a<sub>t</sub>))·Vᵀ. Blue: below 1, an error signal shrinks at every step back
            through time (vanishing gradients); red: above 1, it grows (exploding). The solid line is where the norm is 1; the
            dashed curve, sup γ′ = 1, is where the steepest slope of γ reaches 1. The colour saturates {RATIO_DECADES} decades
            either side of 1. {f.onTop}
          </p>
        }
      />
    </figure>
  );
});

export const MiMapFigure = memo(function MiMapFigure({ controls = true }: Embeddable) {
  const ref = useRef<HTMLElement>(null);
  const visible = useVisible(ref);
  const f = useMapFigure('mi', visible);
  const run = useDynamicsRun(visible, 'mi-run');
  const job = useFollowedJob(run.runId, isGammaRun(run.entry) ? run.driven : null, visible, run.status === 'running', miJob);
  const max = useMemo(() => (f.view ? f.view.values.reduce((a, v) => (Number.isFinite(v) ? Math.max(a, v) : a), 0) : 1), [f.view]);
  const colour = useMemo(() => bitsColour(max), [max]);
  const samples = UNTRAINED_DEFAULTS.probes * (UNTRAINED_DEFAULTS.steps - MI_CELL_DEFAULTS.warmup);
  return (
    <figure className={slot.figure} data-testid="figure-mimap" ref={ref}>
      {controls && <RunBar />}
      <NsMapChart
        {...f.chart}
        name="mimap"
        title="Mutual information over (n, s)"
        embed="mimap"
        colour={colour}
        legend={`I(h_t; last ${MI_CELL_DEFAULTS.window} inputs), bits`}
        format={fmtBitsCell}
        valueColumn="mutual_information_bits"
        settings={{ ...f.settings, window: MI_CELL_DEFAULTS.window, warmup: MI_CELL_DEFAULTS.warmup, samples, k: MI_CELL_DEFAULTS.k }}
        padLabel={`mutual information of untrained networks, N = ${f.hidden}`}
        readout={<MiReadout run={run} job={job} />}
        caption={
          <p>
            The same untrained networks and inputs as the gradient map; colour: how many bits the hidden state h<sub>t</sub> carries
            about the last {MI_CELL_DEFAULTS.window} inputs, estimated from {samples} samples per cell (each probe after{' '}
            {MI_CELL_DEFAULTS.warmup} warm-up steps) with the Kraskov–Stögbauer–Grassberger estimator (k = {MI_CELL_DEFAULTS.k}{' '}
            nearest neighbours). This estimator is biased low, the more so the more dimensions and the more information: on
            correlated Gaussian variables with 1,000 samples it is within 0.01 bits of the truth in one dimension, 1.5 bits under
            a true 4.8 bits in four, and in 64 dimensions it gave 0.3 bits for a true 3.7. Compare cells with each other; do not read a
            cell as an absolute amount. {f.onTop}
          </p>
        }
      />
    </figure>
  );
});
