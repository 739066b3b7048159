/**
 * Test-set evaluation (batched, one read-back) and what the probe analyses are made of: the probe
 * set's hidden states and pre-activations, their projection on the top principal axes, and the
 * histogram of pre-activations (see analyses.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward, lossAndAccuracy } from '../core/rnn';
import { pca } from '../core/pca';
import type { Batch } from '../core/taskTypes';
import type { ProbeBatch } from '../core/tasks/index';
import type { PreactHistogram, ProbePortrait } from './protocol';
import { batchTensors, type RunModel } from './runModel';

/** Sequences per forward pass when evaluating: large enough to amortise per-op overhead. */
const EVAL_CHUNK = 256;
/**
 * Evaluations use the first sequences of the fixed test set (core shuffles it once, stratified by
 * class, so they are representative): on psMNIST a pass over thousands of 196-step sequences would
 * stall training for tens of seconds on a CPU backend.
 */
export const EVAL_SEQUENCES = 512;
const PORTRAIT_DIMS = 3;
const HIST_BINS = 40;

export function sliceBatch(b: Batch, from: number, to: number): Batch {
  const perX = b.steps * b.inputs;
  const perY = b.y.length / b.batch;
  return {
    x: b.x.subarray(from * perX, to * perX),
    y: b.y.subarray(from * perY, to * perY),
    batch: to - from,
    steps: b.steps,
    inputs: b.inputs,
  };
}

/** Scored entries of a batch: every sequence for 'last', every target ≥ 0 for 'all'. */
function scored(b: Batch, readout: RunModel['spec']['readout']): number {
  if (readout === 'last') return b.batch;
  let n = 0;
  for (const v of b.y) if (v >= 0) n++;
  return n;
}

export async function evaluateTest(model: RunModel, test: Batch): Promise<{ loss: number; acc: number }> {
  const parts: Batch[] = [];
  const total = Math.min(test.batch, EVAL_SEQUENCES);
  for (let i = 0; i < total; i += EVAL_CHUNK) parts.push(sliceBatch(test, i, Math.min(total, i + EVAL_CHUNK)));
  const packed = tf.tidy(() => {
    const scalars: tf.Scalar[] = [];
    for (const part of parts) {
      const { x, y } = batchTensors(part, model.spec.readout);
      const { logits } = forward(model.params, model.spec, x);
      const r = lossAndAccuracy(logits, y, model.spec.readout);
      scalars.push(r.loss, r.acc);
    }
    return tf.stack(scalars);
  });
  const values = await packed.data();
  packed.dispose();
  let loss = 0;
  let acc = 0;
  let weight = 0;
  parts.forEach((part, i) => {
    const w = scored(part, model.spec.readout);
    loss += values[2 * i] * w;
    acc += values[2 * i + 1] * w;
    weight += w;
  });
  return { loss: loss / Math.max(1, weight), acc: acc / Math.max(1, weight) };
}

/**
 * Histogram over mean ± 4σ (values beyond go to the end bins): a few huge pre-activations must
 * not squash where most neurons live into one bin.
 */
export function histogram(values: Float32Array, bins = HIST_BINS): PreactHistogram {
  let sum = 0;
  let sq = 0;
  let count = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    sum += v;
    sq += v * v;
    count++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const mean = count ? sum / count : 0;
  const std = count ? Math.sqrt(Math.max(0, sq / count - mean * mean)) : 0;
  let a = count ? Math.max(lo, mean - 4 * std) : -1;
  let b = count ? Math.min(hi, mean + 4 * std) : 1;
  if (!(b > a)) {
    a -= 0.5;
    b += 0.5;
  }
  const edges = new Float32Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = a + ((b - a) * i) / bins;
  const counts = new Float32Array(bins);
  const scale = bins / (b - a);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const k = Math.min(bins - 1, Math.max(0, Math.floor((v - a) * scale)));
    counts[k]++;
  }
  return { edges, counts, mean, std };
}

/** Hidden states h and pre-activations a of the probe set, each [P, T, N] row-major. */
export interface ProbeStates {
  h: Float32Array;
  a: Float32Array;
}

export async function probeStates(model: RunModel, probe: ProbeBatch): Promise<ProbeStates> {
  const [states, preacts] = tf.tidy(() => {
    const { x } = batchTensors(probe, 'last');
    const r = forward(model.params, model.spec, x, { keepStates: true });
    return [r.states as tf.Tensor3D, r.preacts as tf.Tensor3D];
  });
  const [h, a] = (await Promise.all([states.data(), preacts.data()])) as Float32Array[];
  tf.dispose([states, preacts]);
  return { h, a };
}

/** The probe trajectories projected on their top principal axes. */
export function portraitOf(st: ProbeStates, probe: ProbeBatch, hidden: number): ProbePortrait {
  const P = probe.batch;
  const T = probe.steps;
  const projected = pca(st.h, P, T, hidden, PORTRAIT_DIMS);
  return {
    probes: P,
    steps: T,
    dims: PORTRAIT_DIMS,
    proj: projected.proj,
    labels: Int32Array.from(probe.labels),
    explained: projected.explained,
  };
}
