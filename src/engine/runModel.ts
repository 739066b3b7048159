/**
 * One run's network, optimizer step and data stream, built from a RunConfig. The batch of step k
 * is drawn from a stream named by (seed, k) alone, so a run restored from a checkpoint at step k
 * sees exactly the batches the original would have seen.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../core/rng';
import { createRnn, disposeRnn, type RnnParams, type RnnSpec } from '../core/rnn';
import { hostColumns, seqInputFromHost, UploadScratch } from '../core/seqInput';
import { createTrainStep, type TrainStep, type TrainStepOptions } from '../core/trainStep';
import type { ColumnBatch } from '../core/fusedStep';
import type { Batch } from '../core/taskTypes';
import type { Task } from '../core/tasks/index';
import { bpttShapeOf, bpttTooLarge, type BpttShape } from './bpttMemory';
import type { BackendName, RunConfig } from './protocol';

export interface RunModel {
  spec: RnnSpec;
  params: RnnParams;
  train: TrainStep;
  /** Host buffers of the training batches' uploads (each step's inputs are freed before the next). */
  uploads: UploadScratch;
}

export function specFor(config: RunConfig, task: Task): RnnSpec {
  return {
    inputs: task.info.inputs,
    hidden: config.hidden,
    classes: task.info.classes,
    readout: task.info.readout,
    mode: config.mode,
    n0: config.n0,
    s0: config.s0,
    init: config.init,
  };
}

/** The sizes that decide what a step of this run keeps for BPTT (bpttMemory.ts). */
export function bpttShapeFor(config: RunConfig, task: Task): BpttShape {
  return bpttShapeOf(task.info, config);
}

/** The active WebGPU device's per-buffer limit, when the active backend is webgpu. */
function gpuBufferLimit(): number | undefined {
  const device = (tf.backend() as { device?: { limits?: { maxStorageBufferBindingSize?: number } } }).device;
  return device?.limits?.maxStorageBufferBindingSize;
}

/** Throws, naming the size and the limit, when the run would keep too much for BPTT on the active backend. */
export function assertBpttFits(config: RunConfig, task: Task): void {
  const why = bpttTooLarge(bpttShapeFor(config, task), tf.getBackend() as BackendName, gpuBufferLimit());
  if (why) throw new Error(why);
}

/**
 * `adapt` passes the optimizer's per-variable options through (activationLrScale, only: e.g.
 * re-adapting only n and s after a shift of input statistics); RunConfig does not carry them yet.
 */
/** The variables a run trains (RunConfig.learn), or undefined for all of them. */
export function trainedVariables(config: RunConfig): TrainStepOptions['only'] {
  if (config.learn === 'activation') return ['n', 's'];
  if (config.learn === 'bias') return ['b'];
  return undefined;
}

export function buildModel(config: RunConfig, task: Task, adapt: Pick<TrainStepOptions, 'activationLrScale' | 'only'> = { activationLrScale: config.actLr, only: trainedVariables(config) }): RunModel {
  assertBpttFits(config, task);
  const spec = specFor(config, task);
  // tf.variable(t) keeps its initial tensor t alive beside the variable; the tidy frees those
  // initial tensors (the variables share their data and are never disposed by tidy).
  // (RnnParams holds Variables and nulls, which tidy's container type does not describe.)
  const params = tf.tidy(() => createRnn(spec, createRng(config.seed).fork('weights')) as unknown as tf.TensorContainer) as unknown as RnnParams;
  const train = createTrainStep(params, spec, { lr: config.lr, clip: config.clip, constrain: config.constrain, logGain: config.logGain, ...adapt });
  return { spec, params, train, uploads: new UploadScratch() };
}

/** Frees every tensor of the model. Tolerates a backend that already broke. */
export function disposeModel(model: RunModel): void {
  try {
    model.train.dispose();
  } catch {
    /* a lost GPU device cannot free its buffers; they go with it */
  }
  try {
    disposeRnn(model.params);
  } catch {
    /* as above */
  }
}

/** The training batch of step `step` (0-based) of a run with this seed. */
export function batchAt(task: Task, seed: number, step: number, size: number): Batch {
  return task.trainBatch(createRng(seed).fork(`batch ${step}`), size);
}

/** Uploads a batch: x as [B, T, I] float32, y as int32 [B] or [B, T]. */
export function batchTensors(batch: Batch, readout: RnnSpec['readout']): { x: tf.Tensor3D; y: tf.Tensor } {
  const x = tf.tensor3d(batch.x, [batch.batch, batch.steps, batch.inputs]);
  const y = readout === 'last' ? tf.tensor1d(batch.y, 'int32') : tf.tensor2d(batch.y, [batch.batch, batch.steps], 'int32');
  return { x, y };
}

/**
 * One training step; returns the loss and accuracy scalars (not read back). The batch is uploaded
 * already split per time step (see core/seqInput.ts); inputs and the gradient norm are freed by
 * the enclosing tidy.
 */
export function trainOn(model: RunModel, batch: Batch): { loss: tf.Scalar; acc: tf.Scalar } {
  return tf.tidy(() => {
    // Fused kernels read only the columns: skip making one tensor per step.
    const x = model.train.fused ? columnsFromHost(batch, model.uploads) : seqInputFromHost(batch.x, batch.batch, batch.steps, batch.inputs, model.uploads);
    const y = model.spec.readout === 'last' ? tf.tensor1d(batch.y, 'int32') : tf.tensor2d(batch.y, [batch.batch, batch.steps], 'int32');
    const r = model.train.step(x, y);
    return { loss: r.loss, acc: r.acc };
  });
}

/** The fused kernels' input: the batch as the columns of one [I, T·B] matrix (time-major). */
function columnsFromHost(batch: Batch, uploads: UploadScratch): ColumnBatch {
  const { batch: B, steps: T, inputs: I, x } = batch;
  return { columns: tf.tensor2d(hostColumns(x, B, T, I, uploads), [I, T * B]), batch: B, steps: T, inputs: I };
}

/**
 * Everything a chunk reads back, in one tensor: [losses(k), accs(k), health, n…, s…]. health is
 * the sum of every weight, non-finite as soon as any weight is NaN or ±Infinity.
 */
export function packChunk(model: RunModel, losses: tf.Scalar[], accs: tf.Scalar[]): tf.Tensor1D {
  return tf.tidy(() => {
    const { params } = model;
    const vars = [params.U, params.V, params.b, params.Wo, params.bo, params.n, params.s].filter((v): v is tf.Variable => v !== null);
    const health = tf.reshape(tf.addN(vars.map((v) => tf.sum(v))), [1]);
    const parts = [tf.stack(losses), tf.stack(accs), health];
    if (params.n && params.s) parts.push(tf.reshape(params.n, [-1]), tf.reshape(params.s, [-1]));
    return tf.concat(parts) as tf.Tensor1D;
  });
}
