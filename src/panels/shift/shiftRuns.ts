/**
 * The shift experiment's runs: the Train section's network, as it stands at its latest checkpoint,
 * meets changed inputs (core/shift.ts). Four runs start from those same weights, on the same data
 * order, and answer it four ways: do nothing, re-adapt only n and s (every weight frozen),
 * re-adapt only the biases b (a control with a comparable number of free parameters), re-train
 * everything. They advance in lockstep for the same number of steps, each with a fresh optimizer.
 */
import type { Shift } from '../../core/shift';
import type { Checkpoint, RunConfig } from '../../engine/protocol';
import type { RunEntry, RunSpec } from '../../state/runController';
import type { AppState } from '../../state/schema';

export type Strategy = 'none' | 'activation' | 'bias' | 'all';

export interface StrategySpec {
  id: Strategy;
  label: string;
  colour: string;
  learn?: RunConfig['learn'];
}

export const STRATEGIES: readonly StrategySpec[] = [
  { id: 'none', label: 'do nothing', colour: 'var(--c-step-ink)' },
  { id: 'activation', label: 're-adapt n and s only', colour: 'var(--run-homogeneous)', learn: 'activation' },
  { id: 'bias', label: 're-adapt the biases b only', colour: 'var(--c-softplus)', learn: 'bias' },
  { id: 'all', label: 're-train everything', colour: 'var(--run-static-relu)', learn: 'all' },
];

/** The change of inputs the page's settings describe, for sequences of `steps` steps. */
export type ShiftSettings = Pick<AppState, 'shift' | 'amp' | 'freq' | 'phase' | 'drive'>;

export function shiftOf(st: ShiftSettings, steps: number): Shift {
  switch (st.shift) {
    case 'sine':
      return { kind: 'sine', amplitude: st.amp, frequency: st.freq, phase: st.phase };
    case 'envelope':
      return { kind: 'envelope' };
    case 'drive':
      return { kind: 'drive', value: st.drive, from: Math.floor(steps / 4), to: Math.floor(steps / 2) };
  }
}

/** Why n and s cannot be re-adapted for this network (tanh, ReLU), or undefined. */
export function noActivationToAdapt(mode: RunConfig['mode']): string | undefined {
  return mode === 'tanh' || mode === 'relu' ? `a ${mode === 'tanh' ? 'tanh' : 'ReLU'} network has no n and s to re-adapt` : undefined;
}

/** The weights without Adam's state: each re-adaptation starts with a fresh optimizer. */
function weightsOnly(c: Checkpoint): Checkpoint {
  return { ...c, tensors: c.tensors.filter((t) => !t.name.startsWith('opt/')) };
}

export function shiftSpecs(base: RunEntry, checkpoint: Checkpoint, st: AppState, steps: number): RunSpec[] {
  const shift = shiftOf(st, steps);
  const restore = weightsOnly(checkpoint);
  return STRATEGIES.filter((s) => s.id !== 'activation' || !noActivationToAdapt(base.config.mode)).map((s) => ({
    config: {
      ...base.config,
      shift,
      learn: s.learn,
      // A static network's n and s become learnable scalars, starting where they were.
      mode: s.id === 'activation' && base.config.mode === 'static' ? 'homogeneous' : base.config.mode,
    },
    label: s.label,
    colour: s.colour,
    replicate: 0,
    until: s.id === 'none' ? checkpoint.step : checkpoint.step + st.rsteps,
    restore,
    tag: s.id,
  }));
}
