/**
 * The activations a comparison can hold. A preset overrides only how the activation is chosen and
 * learned; everything else (task, sizes, learning rate, seed, data order) is the page's, so the
 * compared runs share their initial weights wherever the shapes match and see the same batches.
 * Learned presets start from the family section's n and s.
 */
import type { RunConfig } from '../engine/protocol';
import type { PresetId } from './schema';

export interface Preset {
  id: PresetId;
  /** Short name for legends and tables. */
  label: string;
  /** One sentence for the reader. */
  help: string;
  /** CSS variable of the run's colour (theme.css): the same in every figure. */
  colour: string;
  /** What the preset sets; undefined n0/s0 keep the page's. */
  config: Pick<RunConfig, 'mode'> & Partial<Pick<RunConfig, 'n0' | 's0'>>;
}

export const PRESETS: Record<PresetId, Preset> = {
  'static-relu': { id: 'static-relu', label: 'static, near ReLU (n = 10, s = 0)', help: 'γ fixed at n = 10, s = 0: a smooth rectifier close to ReLU.', colour: '--run-static-relu', config: { mode: 'static', n0: 10, s0: 0 } },
  'static-sigmoid': { id: 'static-sigmoid', label: 'static sigmoid (n = 1, s = 1)', help: 'γ fixed at n = 1, s = 1: the logistic sigmoid.', colour: '--c-sigmoid', config: { mode: 'static', n0: 1, s0: 1 } },
  'static-softplus': { id: 'static-softplus', label: 'static softplus (n = 1, s = 0)', help: 'γ fixed at n = 1, s = 0: softplus.', colour: '--c-softplus', config: { mode: 'static', n0: 1, s0: 0 } },
  'static-here': { id: 'static-here', label: 'static at the page’s n, s', help: 'γ fixed at the n and s set in the family section (or picked on the landscape).', colour: '--run-static-here', config: { mode: 'static' } },
  homogeneous: { id: 'homogeneous', label: 'homogeneous (one learned n, s)', help: 'One n and one s shared by all neurons, learned with the weights.', colour: '--run-homogeneous', config: { mode: 'homogeneous' } },
  heterogeneous: { id: 'heterogeneous', label: 'heterogeneous (n_i, s_i per neuron)', help: 'Every neuron learns its own n and s.', colour: '--run-heterogeneous', config: { mode: 'heterogeneous' } },
  tanh: { id: 'tanh', label: 'tanh', help: 'The hyperbolic tangent, the classic RNN activation.', colour: '--run-tanh', config: { mode: 'tanh' } },
  relu: { id: 'relu', label: 'ReLU', help: 'The rectified linear unit, max(0, x).', colour: '--c-relu', config: { mode: 'relu' } },
};

/** The configuration of one compared run: the page's, with the preset's activation and a seed. */
export function presetConfig(base: RunConfig, id: PresetId, seed: number): RunConfig {
  return { ...base, ...PRESETS[id].config, seed };
}
