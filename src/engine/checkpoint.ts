/**
 * Checkpoints: every model variable by its logical name, then Adam's state under "opt/…", as plain
 * Float32Arrays. Enough to resume a run in a fresh worker, on any backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { listVariables } from '../core/rnn';
import { readOptimizerState, restoreOptimizerState } from '../core/trainStep';
import type { Checkpoint } from './protocol';
import type { RunModel } from './runModel';

const OPT = 'opt/';

export async function captureCheckpoint(runId: string, step: number, model: RunModel): Promise<Checkpoint> {
  const tensors: Checkpoint['tensors'] = [];
  for (const { name, variable } of listVariables(model.params)) {
    tensors.push({ name, shape: variable.shape.slice(), values: Float32Array.from(await variable.data()) });
  }
  for (const t of await readOptimizerState(model.train.optimizer)) {
    tensors.push({ name: OPT + t.name, shape: t.shape, values: t.values });
  }
  return { runId, step, tensors };
}

export function checkpointIsFinite(c: Checkpoint): boolean {
  return c.tensors.every((t) => t.values.every((v) => Number.isFinite(v)));
}

/**
 * Loads a checkpoint into a freshly built model (its optimizer must not have stepped yet).
 * Throws with a readable message when the checkpoint belongs to a differently shaped network.
 */
export async function applyCheckpoint(model: RunModel, c: Checkpoint): Promise<void> {
  const byName = new Map(c.tensors.map((t) => [t.name, t]));
  for (const { name, variable } of listVariables(model.params)) {
    const saved = byName.get(name);
    if (!saved) throw new Error(`checkpoint has no values for ${name}`);
    if (saved.shape.join('×') !== variable.shape.join('×')) {
      throw new Error(`checkpoint's ${name} is ${saved.shape.join('×') || 'a scalar'}, the network's is ${variable.shape.join('×') || 'a scalar'}`);
    }
    tf.tidy(() => variable.assign(tf.tensor(saved.values, variable.shape)));
  }
  const opt = c.tensors.filter((t) => t.name.startsWith(OPT)).map((t) => ({ name: t.name.slice(OPT.length), shape: t.shape, values: t.values }));
  if (opt.length > 0) await restoreOptimizerState(model.train.optimizer, opt);
}
