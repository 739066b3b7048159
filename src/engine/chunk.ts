/**
 * One chunk of training steps: runs up to `planned` steps within a time budget, reads every loss,
 * accuracy and the activation parameters back in one transfer, and says where (if anywhere) the
 * run stopped being finite. The trainer decides what to do with the result.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Task } from '../core/tasks/index';
import { EXPLODED_FACTOR, firstDiverged, lossDivergedReason, weightsDivergedReason } from './divergence';
import { batchAt, packChunk, trainOn, type RunModel } from './runModel';

/** Work per chunk before yielding: long enough to amortise the read-back, short enough to stay responsive. */
export const CHUNK_MS = 80;
const MAX_CHUNK_STEPS = 256;

/** Steps to plan for the next chunk, from the allowance and the recent time per step. */
export function planSteps(limit: number, msPerStep: number): number {
  return Math.max(1, Math.min(limit, MAX_CHUNK_STEPS, Math.round(CHUNK_MS / msPerStep)));
}

export interface ChunkPlan {
  model: RunModel;
  task: Task;
  seed: number;
  batch: number;
  /** Step number of the first step of the chunk. */
  first: number;
  /** Most steps to run; at least one always runs. */
  planned: number;
  budgetMs: number;
  now(): number;
  /** Throws instead of stepping when a fault is due (diagnostics: a lost device, injected). */
  checkFault?(): void;
}

export interface ChunkResult {
  /** Steps taken. */
  k: number;
  /** Index (0-based within the chunk) of the first non-finite or exploded loss, or −1. */
  badLoss: number;
  /** False when the weights' health probe is not finite. */
  healthy: boolean;
  losses: Float32Array;
  accs: Float32Array;
  /** New activation parameters, when the model has trainable ones. */
  n?: Float32Array;
  s?: Float32Array;
  ms: number;
}

/** Throws when a step or the read-back throws (the backend may be broken); tensors are freed either way. */
export async function runChunk(p: ChunkPlan, paramsPerSet: number): Promise<ChunkResult> {
  const t0 = p.now();
  const losses: tf.Scalar[] = [];
  const accs: tf.Scalar[] = [];
  let values: Float32Array;
  try {
    p.checkFault?.();
    for (let i = 0; i < p.planned && (i === 0 || p.now() - t0 < p.budgetMs); i++) {
      const r = trainOn(p.model, batchAt(p.task, p.seed, p.first + i, p.batch));
      losses.push(r.loss);
      accs.push(r.acc);
    }
    const packed = packChunk(p.model, losses, accs);
    tf.dispose([...losses, ...accs]);
    values = (await packed.data()) as Float32Array;
    packed.dispose();
  } catch (e) {
    tf.dispose([...losses, ...accs]);
    throw e;
  }
  const k = losses.length;
  const out: ChunkResult = {
    k,
    badLoss: firstDiverged(values, 0, k, EXPLODED_FACTOR * p.task.info.chanceLoss),
    healthy: Number.isFinite(values[2 * k]),
    losses: values.subarray(0, k),
    accs: values.subarray(k, 2 * k),
    ms: p.now() - t0,
  };
  if (values.length > 2 * k + 1) {
    const m = paramsPerSet;
    out.n = values.slice(2 * k + 1, 2 * k + 1 + m);
    out.s = values.slice(2 * k + 1 + m, 2 * k + 1 + 2 * m);
  }
  return out;
}

/** Why the run must stop after this chunk (a non-finite or exploded loss, non-finite weights), or undefined. */
export function chunkDivergedReason(r: ChunkResult, first: number, lr: number, chanceLoss: number): string | undefined {
  if (r.badLoss >= 0) return lossDivergedReason(r.losses[r.badLoss], first + r.badLoss, lr, chanceLoss);
  if (!r.healthy) return weightsDivergedReason(first + r.k, lr);
  return undefined;
}
