/**
 * The one declarative table of every user-settable parameter. URL parsing and serialising,
 * validation, clamping and reset are all driven by it; nothing else declares a setting.
 */

interface Common {
  /** Short label shown next to the control. */
  label: string;
  /** One sentence for tooltips and screen readers. */
  help: string;
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

export type ParamSpec = NumberSpec | EnumSpec | BooleanSpec | FlagsSpec;

export const TASKS = ['rows', 'ps14', 'ps28', 'copy', 'flipflop'] as const;
export const MODES = ['static', 'homogeneous', 'heterogeneous', 'tanh', 'relu'] as const;
export const BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export const OVERLAYS = ['dx', 'dn', 'ds', 'ghosts'] as const;
export const PANELS = ['family', 'train'] as const;
/** Figures that can be embedded alone with #embed=<id>; '' is the full page. */
export const FIGURES = ['', 'gamma', 'pad', 'loss', 'activation', 'portrait', 'phaseplane', 'preact'] as const;

export const SCHEMA = {
  n: { kind: 'number', label: 'gain n', help: 'Gain (degree of nonlinearity): sharpens the curve.', default: 1, min: 0.1, max: 100, scale: 'log' },
  s: { kind: 'number', label: 'saturation s', help: 'Degree of saturation: 0 is a rectifier, 1 a sigmoid.', default: 0, min: 0, max: 1, scale: 'linear' },
  xr: { kind: 'number', label: 'x range ±', help: 'Half-width of the x axis of the γ plot.', default: 4, min: 0.5, max: 50, scale: 'log' },
  show: { kind: 'flags', label: 'overlays', help: 'Curves drawn over γ.', default: ['ghosts'], options: OVERLAYS },
  task: { kind: 'enum', label: 'task', help: 'What the network learns.', default: 'rows', options: TASKS },
  mode: { kind: 'enum', label: 'adaptation', help: 'Whether n and s are fixed, shared and learned, or learned per neuron.', default: 'homogeneous', options: MODES },
  constrain: { kind: 'boolean', label: 'keep n > 0, s in [0, 1]', help: 'Clip learned n and s to their meaningful range after each step.', default: true },
  hidden: { kind: 'number', label: 'hidden units', help: 'Number of recurrent neurons N.', default: 64, min: 2, max: 256, scale: 'log', integer: true },
  batch: { kind: 'number', label: 'batch', help: 'Sequences per training step.', default: 32, min: 1, max: 256, scale: 'log', integer: true },
  lr: { kind: 'number', label: 'learning rate', help: 'Adam step size; may be changed during a run.', default: 0.003, min: 1e-5, max: 100, scale: 'log' },
  clip: { kind: 'number', label: 'gradient clip', help: 'Largest global gradient norm (0: no clipping).', default: 1, min: 0, max: 100, scale: 'linear' },
  delay: { kind: 'number', label: 'copy delay', help: 'Blank steps between the symbols and the recall marker (copy task).', default: 20, min: 1, max: 200, scale: 'linear', integer: true },
  seed: { kind: 'number', label: 'seed', help: 'Seeds initial weights, data order and permutations: the same seed gives the same run.', default: 1, min: 0, max: 2147483647, scale: 'linear', integer: true },
  backend: { kind: 'enum', label: 'backend', help: 'Where the network computes; auto measures and picks the fastest that passes a self-check.', default: 'auto', options: BACKENDS },
  speed: { kind: 'number', label: 'speed', help: 'Most training steps per second (the slider’s top is as fast as possible).', default: 1000, min: 1, max: 1000, scale: 'log', integer: true },
  panels: { kind: 'flags', label: 'sections', help: 'Sections of the page that are shown.', default: ['family', 'train'], options: PANELS },
  embed: { kind: 'enum', label: 'embedded figure', help: 'Render only this figure (for an iframe).', default: '', options: FIGURES },
} as const satisfies Record<string, ParamSpec>;

export type Schema = typeof SCHEMA;
export type ParamName = keyof Schema;

type ValueOf<S> = S extends { kind: 'number' }
  ? number
  : S extends { kind: 'boolean' }
    ? boolean
    : S extends { kind: 'enum'; options: readonly (infer T)[] }
      ? T
      : S extends { kind: 'flags'; options: readonly (infer T)[] }
        ? readonly T[]
        : never;

/** Everything a reader can set; the page is a function of this (plus the run's history). */
export type AppState = { -readonly [K in ParamName]: ValueOf<Schema[K]> };

export type TaskId = (typeof TASKS)[number];
export type Mode = (typeof MODES)[number];
export type BackendChoice = (typeof BACKENDS)[number];
export type FigureId = Exclude<(typeof FIGURES)[number], ''>;

export function defaultState(): AppState {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(SCHEMA)) {
    out[k] = spec.kind === 'flags' ? [...spec.default] : spec.default;
  }
  return out as AppState;
}
