/**
 * One flat layout of every variable for the optimizer: [U, V, b, n, s, Wo, bo] (n and s only with
 * γ), with a per-entry learning-rate scale: 1 for weights, activationLrScale for n and s, 0 for a
 * variable that is not trained (static n and s, or one left out by `only`). Recurrent variables
 * come first so the fused kernels' gradient buffer (core/fusedNames.ts: G) is its prefix.
 * The saved optimizer state stays positional per trained variable in the order
 * U, V, b, Wo, bo, n, s (see trainStep.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { learnsActivation, type RnnParams, type RnnSpec } from './rnn';

export type VarName = 'U' | 'V' | 'b' | 'Wo' | 'bo' | 'n' | 's';

/** The order of trained variables in a saved state (the order Adam always used). */
export const SAVE_ORDER: readonly VarName[] = ['U', 'V', 'b', 'Wo', 'bo', 'n', 's'];
const FLAT_ORDER: readonly VarName[] = ['U', 'V', 'b', 'n', 's', 'Wo', 'bo'];

export interface Slot {
  name: VarName;
  variable: tf.Variable;
  offset: number;
  size: number;
  trained: boolean;
  /** Learning-rate factor of this variable (0 when not trained). */
  scale: number;
}

export interface FlatLayout {
  slots: Slot[];
  /** Entries in all. */
  size: number;
  /** Entries before Wo: the recurrent part. */
  recurrentSize: number;
  /** Trained slots in SAVE_ORDER. */
  saved: Slot[];
  /** Per-entry learning-rate scale. */
  scale: Float32Array;
}

export function flatLayout(params: RnnParams, spec: RnnSpec, activationLrScale: number, only?: readonly VarName[]): FlatLayout {
  const slots: Slot[] = [];
  let offset = 0;
  let recurrentSize = 0;
  for (const name of FLAT_ORDER) {
    const variable = params[name];
    if (!variable) continue;
    const isAct = name === 'n' || name === 's';
    const trainable = isAct ? learnsActivation(spec.mode) : true;
    // A zero scale freezes n and s: they are then not trained at all (nor in the clipping norm).
    const trained = trainable && (only === undefined || only.includes(name)) && (!isAct || activationLrScale > 0);
    const size = variable.size;
    slots.push({ name, variable, offset, size, trained, scale: trained ? (isAct ? activationLrScale : 1) : 0 });
    offset += size;
    if (name !== 'Wo' && name !== 'bo') recurrentSize = offset;
  }
  const scale = new Float32Array(offset);
  for (const s of slots) scale.fill(s.scale, s.offset, s.offset + s.size);
  const saved = SAVE_ORDER.flatMap((n) => slots.filter((s) => s.name === n && s.trained));
  return { slots, size: offset, recurrentSize, saved, scale };
}
