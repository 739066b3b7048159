/**
 * The top Lyapunov exponents of a run's current weights, for the analyses registry: the network
 * run without input, h ← φ(h·V + b), by the QR method of core/lyapunov.ts, in bits per step.
 * The weights are read back in one transfer; the computation is plain float64 on the worker's
 * thread, sized so that it costs a few milliseconds for the networks the page trains (the budget
 * below), and seeded the same at every call, so successive estimates differ only through the
 * weights (the initial state and frame are the same).
 */
import * as tf from '@tensorflow/tfjs-core';
import { activate, slope, type Activation } from '../core/activation';
import { lyapunovOfMap, natsToBits, networkMap, type ActivationOverride } from '../core/lyapunov';
import type { LyapunovEstimate } from './protocol';
import type { RunModel } from './runModel';

/** How many of the largest exponents. */
export const LYAPUNOV_K = 3;
/** Multiply-adds one estimate may take (about 10–20 ms in V8 at N = 64). */
const WORK_BUDGET = 2.4e7;
const MIN_STEPS = 100;
const MAX_STEPS = 600;
/** A fixed seed: the same initial state and frame at every call. */
const SEED = 1;

/** Averaged steps for N neurons and k exponents: the budget over the cost of one step. */
export function lyapunovSteps(N: number, k: number): number {
  const perStep = (k + 1) * N * N + 2 * k * k * N;
  return Math.max(MIN_STEPS, Math.min(MAX_STEPS, Math.floor(WORK_BUDGET / perStep)));
}

/** tanh and ReLU runs have no n, s: their fixed activation replaces γ in the map. */
function override(mode: RunModel['spec']['mode']): ActivationOverride | undefined {
  if (mode !== 'tanh' && mode !== 'relu') return undefined;
  const act: Activation = { kind: mode };
  return { value: (a) => activate(act, a), slope: (a) => slope(act, a) };
}

/** V (N·N), b (N), then n and s (1 or N each, absent for tanh and ReLU) in one array. */
async function readWeights(model: RunModel): Promise<Float32Array> {
  const { V, b, n, s } = model.params;
  const flat = tf.tidy(() => tf.concat([V, b, ...(n && s ? [n, s] : [])].map((t) => tf.reshape(t, [-1]))));
  const values = (await flat.data()) as Float32Array;
  flat.dispose();
  return values;
}

export async function lyapunovOf(model: RunModel, now: () => number = () => performance.now()): Promise<LyapunovEstimate> {
  const N = model.spec.hidden;
  const w = await readWeights(model);
  const t0 = now();
  const k = Math.min(LYAPUNOV_K, N);
  const steps = lyapunovSteps(N, k);
  const burnIn = Math.round(steps / 4);
  const perNeuron = (w.length - N * N - N) / 2;
  const at = N * N + N;
  const net = {
    V: w.subarray(0, N * N),
    b: w.subarray(N * N, at),
    n: perNeuron > 0 ? w.subarray(at, at + perNeuron) : 1,
    s: perNeuron > 0 ? w.subarray(at + perNeuron, at + 2 * perNeuron) : 0,
  };
  try {
    const nats = lyapunovOfMap(networkMap(net, override(model.spec.mode)), { k, steps, burnIn, seed: SEED });
    return { bits: Float64Array.from(nats, natsToBits), steps, burnIn, ms: now() - t0 };
  } catch (e) {
    // Weights on their way to diverging can overflow the tangent vectors. That is the run's
    // state, not a broken backend: report it as a missing estimate, never as a failure.
    return { bits: new Float64Array(k).fill(NaN), steps, burnIn, ms: now() - t0, error: e instanceof Error ? e.message : String(e) };
  }
}
