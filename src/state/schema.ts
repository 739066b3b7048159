/**
 * The one declarative table of every user-settable parameter. URL parsing and serialising,
 * validation, clamping and reset are all driven by it; nothing else declares a setting. An entry
 * that configures training says how a change reaches a run (`apply`) and which run setting it is
 * (`run`); the run's configuration, what applies live and what waits for a reset are derived
 * from that (state/runConfig.ts).
 */
import type { RunConfig } from '../engine/protocol';

interface Common {
  /** Short label shown next to the control. */
  label: string;
  /** One sentence for tooltips and screen readers. */
  help: string;
  /** A run setting: 'live' reaches a running run at once, 'reset' when the run is built anew. */
  apply?: 'live' | 'reset';
  /** The RunConfig key it sets (when the names differ). */
  run?: keyof RunConfig;
}

export interface NumberSpec extends Common {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  /** Sliders on a log scale for parameters that span decades (gain, learning rate). */
  scale: 'linear' | 'log';
  integer?: boolean;
}

export interface EnumSpec<T extends string = string> extends Common {
  kind: 'enum';
  default: T;
  options: readonly T[];
  /** What a control shows for each option (the URL keeps the short id). */
  labels?: Readonly<Record<T, string>>;
}

export interface BooleanSpec extends Common {
  kind: 'boolean';
  default: boolean;
}

export interface FlagsSpec<T extends string = string> extends Common {
  kind: 'flags';
  default: readonly T[];
  options: readonly T[];
}

/** An ordered list of distinct options (order matters: the comparison's runs and colours). */
export interface ListSpec<T extends string = string> extends Common {
  kind: 'list';
  default: readonly T[];
  options: readonly T[];
  maxItems: number;
}

export type ParamSpec = NumberSpec | EnumSpec | BooleanSpec | FlagsSpec | ListSpec;

export const TASKS = ['rows', 'ps14', 'ps28', 'copy', 'flipflop'] as const;
export const MODES = ['static', 'homogeneous', 'heterogeneous', 'tanh', 'relu'] as const;
export const BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export const OVERLAYS = ['dx', 'dn', 'ds', 'ghosts'] as const;
export const PANELS = ['family', 'train', 'compare', 'landscape', 'dynamics', 'shift'] as const;
/** Figures that can be embedded alone with #embed=<id>; '' is the full page. */
export const FIGURES = ['', 'gamma', 'pad', 'loss', 'activation', 'portrait', 'phaseplane', 'preact', 'compare', 'landscape', 'solutions', 'shift', 'lyapunov', 'spectrum', 'gradients', 'gradmap', 'mimap'] as const;
/** Preset activations a comparison can hold (state/presets.ts says what each is). */
export const PRESET_IDS = ['static-relu', 'static-sigmoid', 'static-softplus', 'static-here', 'homogeneous', 'heterogeneous', 'tanh', 'relu'] as const;
export const INITS = ['explorable', 'authors'] as const;
export const PHASE_NETWORKS = ['switch', 'oscillator', 'memories'] as const;
export const PHASE_DYNAMICS = ['flow', 'map'] as const;
/** What the landscape heat map colours: final test accuracy or final test loss. */
export const LANDSCAPE_METRICS = ['accuracy', 'loss'] as const;
/** Steps of the guided tour (state/tour.ts; a unit test checks the count). */
export const TOUR_STEP_COUNT = 10;
export const PC_PAIRS = ['12', '13', '23'] as const;
export const SHIFTS = ['sine', 'envelope', 'drive'] as const;
export const PORTRAIT_COLOURS = ['class', 'time'] as const;

export const SCHEMA = {
  n: { kind: 'number', label: 'gain n', help: 'Gain (degree of nonlinearity): sharpens the curve.', default: 1, min: 0.1, max: 100, scale: 'log', apply: 'reset', run: 'n0' },
  s: { kind: 'number', label: 'saturation s', help: 'Degree of saturation: 0 is a rectifier, 1 a sigmoid.', default: 0, min: 0, max: 1, scale: 'linear', apply: 'reset', run: 's0' },
  xr: { kind: 'number', label: 'x range ±', help: 'Half-width of the x axis of the γ plot.', default: 4, min: 0.5, max: 50, scale: 'log' },
  show: { kind: 'flags', label: 'overlays', help: 'Curves drawn over γ.', default: ['ghosts'], options: OVERLAYS },
  task: {
    kind: 'enum',
    label: 'task',
    help: 'What the network learns.',
    default: 'rows',
    options: TASKS,
    labels: {
      rows: 'MNIST, one row per step (28 steps)',
      ps14: 'MNIST 14×14, one pixel per step, shuffled (196 steps)',
      ps28: 'MNIST 28×28, one pixel per step, shuffled (784 steps)',
      copy: 'Copy 10 symbols after a delay',
      flipflop: '3-bit flip-flop memory (60 steps)',
    },
    apply: 'reset',
  },
  mode: {
    kind: 'enum',
    label: 'adaptation',
    help: 'Whether n and s are fixed, shared and learned, or learned per neuron; or a fixed tanh or ReLU.',
    default: 'homogeneous',
    options: MODES,
    labels: { static: 'static: n, s fixed', homogeneous: 'homogeneous: one n, s learned', heterogeneous: 'heterogeneous: n_i, s_i per neuron', tanh: 'tanh (fixed)', relu: 'ReLU (fixed)' },
    apply: 'reset',
  },
  constrain: { kind: 'boolean', label: 'keep n > 0, s in [0, 1]', help: 'Clip learned n and s to their meaningful range after each step.', default: true, apply: 'reset' },
  hidden: { kind: 'number', label: 'hidden units', help: 'Number of recurrent neurons N.', default: 64, min: 2, max: 400, scale: 'log', integer: true, apply: 'reset' },
  batch: { kind: 'number', label: 'batch', help: 'Sequences per training step.', default: 32, min: 1, max: 256, scale: 'log', integer: true, apply: 'reset' },
  lr: { kind: 'number', label: 'learning rate', help: 'Adam step size; may be changed during a run.', default: 0.003, min: 1e-5, max: 100, scale: 'log', apply: 'live' },
  actlr: {
    kind: 'number',
    label: 'n, s learning rate ×',
    help: 'n and s learn at this multiple of the learning rate, the weights at the rate itself (the authors’ code uses one rate for all).',
    default: 10,
    min: 1,
    max: 100,
    scale: 'log',
    apply: 'reset',
    run: 'actLr',
  },
  logn: {
    kind: 'boolean',
    label: 'learn log n',
    help: 'Adam steps log n instead of n: each step changes the gain by a factor rather than an amount, so a gain near 10 moves as readily as one near 1.',
    default: false,
    apply: 'reset',
    run: 'logGain',
  },
  clip: { kind: 'number', label: 'gradient clip', help: 'Largest global gradient norm (0: no clipping).', default: 1, min: 0, max: 100, scale: 'linear', apply: 'reset' },
  delay: { kind: 'number', label: 'copy delay', help: 'Blank steps between the symbols and the recall marker (copy task).', default: 20, min: 1, max: 200, scale: 'linear', integer: true, apply: 'reset' },
  seed: { kind: 'number', label: 'seed', help: 'Seeds initial weights, data order and permutations: the same seed gives the same run.', default: 1, min: 0, max: 2147483647, scale: 'linear', integer: true, apply: 'reset' },
  init: { kind: 'enum', label: 'initialisation', help: 'explorable: zero biases, n₀ as set; authors: biases as PyTorch initialises them and n₀ drawn from [n, n + 2], as the authors’ code does.', default: 'explorable', options: INITS, apply: 'reset' },
  backend: { kind: 'enum', label: 'backend', help: 'Where the network computes; auto measures and picks the fastest that passes a self-check.', default: 'auto', options: BACKENDS, apply: 'reset' },
  speed: { kind: 'number', label: 'speed', help: 'Most training steps per second (the slider’s top is as fast as possible).', default: 1000, min: 1, max: 1000, scale: 'log', integer: true, apply: 'live' },
  compare: { kind: 'list', label: 'compared activations', help: 'The activations trained side by side in the Compare section, in order.', default: ['static-relu', 'homogeneous', 'heterogeneous'], options: PRESET_IDS, maxItems: 4 },
  cseeds: { kind: 'number', label: 'seeds per setting', help: 'Runs per compared activation, each with its own seed: a band shows their mean ± sd.', default: 1, min: 1, max: 5, scale: 'linear', integer: true },
  csteps: { kind: 'number', label: 'steps per run', help: 'Training steps every compared run takes: all stop at the same step.', default: 400, min: 10, max: 10000, scale: 'log', integer: true },
  shift: {
    kind: 'enum',
    label: 'change of the inputs',
    help: 'How the shift experiment changes the inputs at step t of T.',
    default: 'sine',
    options: SHIFTS,
    labels: { sine: 'multiply by 1 + A·sin(2πft/T + φ)', envelope: 'multiply by sin(πt/T)', drive: 'add a constant over the second quarter of the steps' },
  },
  amp: { kind: 'number', label: 'A', help: 'Depth of the sine modulation (the authors train at 0.2 and test at 0.5).', default: 0.5, min: 0, max: 1, scale: 'linear' },
  freq: { kind: 'number', label: 'f', help: 'Cycles of the sine modulation over the sequence.', default: 1, min: 0.25, max: 8, scale: 'log' },
  phase: { kind: 'number', label: 'φ', help: 'Phase of the sine modulation, in radians.', default: 0, min: 0, max: 6.28, scale: 'linear' },
  drive: { kind: 'number', label: 'c', help: 'Constant added to every input over the second quarter of the steps.', default: 1, min: -2, max: 2, scale: 'linear' },
  rsteps: { kind: 'number', label: 're-adaptation steps', help: 'Steps each re-adaptation trains under the changed inputs.', default: 200, min: 10, max: 2000, scale: 'log', integer: true },
  logy: { kind: 'boolean', label: 'log scale', help: 'Loss on a logarithmic axis.', default: false },
  pcs: { kind: 'enum', label: 'components', help: 'Which two principal components the portrait shows.', default: '12', options: PC_PAIRS },
  colorby: { kind: 'enum', label: 'colour by', help: 'Colour the portrait’s trajectories by class or by time.', default: 'class', options: PORTRAIT_COLOURS },
  pp: { kind: 'enum', label: 'network', help: 'The two-neuron network of the phase plane.', default: 'switch', options: PHASE_NETWORKS },
  ppdyn: { kind: 'enum', label: 'dynamics', help: 'Continuous flow or the discrete map of the phase plane.', default: 'flow', options: PHASE_DYNAMICS },
  lmetric: { kind: 'enum', label: 'landscape shows', help: 'What the landscape heat map colours: final test accuracy or final test loss.', default: 'accuracy', options: LANDSCAPE_METRICS, labels: { accuracy: 'test accuracy', loss: 'test loss' } },
  tour: { kind: 'number', label: 'tour step', help: 'The guided tour’s step (0: no tour).', default: 0, min: 0, max: TOUR_STEP_COUNT, scale: 'linear', integer: true },
  panels: { kind: 'flags', label: 'sections', help: 'Sections of the page that are shown.', default: ['family', 'train', 'compare', 'landscape', 'dynamics', 'shift'], options: PANELS },
  embed: { kind: 'enum', label: 'embedded figure', help: 'Render only this figure (for an iframe).', default: '', options: FIGURES },
  figonly: { kind: 'boolean', label: 'figure only', help: 'An embedded figure without its controls and export menu.', default: false },
} as const satisfies Record<string, ParamSpec>;

export type Schema = typeof SCHEMA;
export type ParamName = keyof Schema;

type ValueOf<S> = S extends { kind: 'number' }
  ? number
  : S extends { kind: 'boolean' }
    ? boolean
    : S extends { kind: 'enum'; options: readonly (infer T)[] }
      ? T
      : S extends { kind: 'flags' | 'list'; options: readonly (infer T)[] }
        ? readonly T[]
        : never;

/** Everything a reader can set; the page is a function of this (plus the run's history). */
export type AppState = { -readonly [K in ParamName]: ValueOf<Schema[K]> };

export type TaskId = (typeof TASKS)[number];
export type Mode = (typeof MODES)[number];
export type BackendChoice = (typeof BACKENDS)[number];
export type FigureId = Exclude<(typeof FIGURES)[number], ''>;
export type PresetId = (typeof PRESET_IDS)[number];
export type InitScheme = (typeof INITS)[number];
export type LandscapeMetric = (typeof LANDSCAPE_METRICS)[number];

export function defaultState(): AppState {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(SCHEMA)) {
    out[k] = spec.kind === 'flags' || spec.kind === 'list' ? [...spec.default] : spec.default;
  }
  return out as AppState;
}
