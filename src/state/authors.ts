/**
 * The authors' training settings (as read from their public code), as far as the explorable can
 * run them, and every default of the explorable that differs from them, with the reason. The
 * Train section offers the first as a one-click preset and shows the second as a table.
 */
import type { AppState, TaskId } from './schema';

/** The settings of the authors' code for a task: Adam at their rate, no clipping, n and s free, PyTorch biases. */
export function authorsSettings(task: TaskId): Partial<AppState> {
  const common: Partial<AppState> = { clip: 0, constrain: false, init: 'authors', s: 0, actlr: 1, logn: false };
  if (task === 'copy') return { ...common, lr: 1e-3, n: 5 };
  return { ...common, lr: 1e-4, n: 5 };
}

export interface Deviation {
  what: string;
  authors: string;
  here: string;
  why: string;
}

export const DEVIATIONS: readonly Deviation[] = [
  { what: 'Network size', authors: 'N = 400 neurons, batch 100 (psMNIST); N = 128, batch 10 (copy)', here: 'N = 64, batch 32', why: 'a step must take milliseconds in a browser tab; both can be raised (up to 400 and 256)' },
  { what: 'Tasks', authors: 'psMNIST of 784 steps; copy with a 200-step delay', here: 'MNIST by rows (28 steps) first; 14×14 psMNIST (196 steps); 784 steps and long delays on offer', why: 'shorter sequences learn within a minute in a browser' },
  { what: 'Learning rate', authors: '1e-4 (psMNIST, lowered on plateaus), 1e-3 (copy)', here: '0.003', why: 'hundreds of steps, not tens of thousands, must show learning' },
  { what: 'Learning rate of n and s', authors: 'the weights’ rate', here: '10 × the weights’ rate', why: 'Adam moves a parameter by about the rate per step: at one rate, n moves by about 1 in 400 steps and “learned” means “barely moved” (BENCHMARKS.md)' },
  { what: 'Gradient clipping', authors: 'none in effect', here: 'global norm 1', why: 'keeps the higher learning rate from diverging' },
  { what: 'n and s', authors: 'unconstrained (learned s was seen leaving [0, 1])', here: 'kept to n in [0.01, 500], s in [0, 1]', why: 'outside, γ is no longer the family the page explains; switch “keep n > 0, s in [0, 1]” off to see' },
  { what: 'Biases', authors: 'PyTorch’s default, uniform in ±1/√N (two per cell)', here: 'zero', why: 'a run then starts from the activation alone; “initialisation: authors” restores theirs' },
  { what: 'Initial gain', authors: 'n₀ drawn from [5, 7], s₀ = 0 (psMNIST)', here: 'the family section’s n and s (softplus: n = 1, s = 0)', why: 'the reader chooses where learning starts' },
  { what: 'Copy-task loss', authors: 'cross-entropy over all T + 20 steps, 9 classes with the blank', here: 'the 10 recall steps only, 8 classes', why: 'the loss and accuracy then measure recall alone; guessing scores ln 8 and 1/8' },
];
