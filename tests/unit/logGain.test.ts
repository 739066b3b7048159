/**
 * Adam on log n (TrainStepOptions.logGain) on the cpu backend: one step moves log n by the
 * learning rate where the additive step moves n by it, per neuron; the weights step exactly as
 * without it; the constraint still holds n in N_RANGE; and the `logn` setting reaches the run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { EPSILON } from '../../src/core/flatAdam';
import { createRng } from '../../src/core/rng';
import { createRnn, disposeRnn, forward, lossAndAccuracy, type RnnParams, type RnnSpec } from '../../src/core/rnn';
import { createTask } from '../../src/core/tasks/index';
import { createTrainStep, N_RANGE, type TrainStepOptions, type VarName } from '../../src/core/trainStep';
import { runConfig } from '../../src/state/runConfig';
import { parseHash, serialize } from '../../src/state/url';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const task = createTask('flipflop', { seed: 1, delay: 0 });
const LR = 1e-2;
const K = 3;
const WEIGHTS: VarName[] = ['U', 'V', 'b', 'Wo', 'bo'];

function specFor(mode: 'homogeneous' | 'heterogeneous'): RnnSpec {
  return { inputs: task.info.inputs, hidden: 12, classes: task.info.classes, readout: task.info.readout, mode, n0: 2, s0: 0.3 };
}

function batch(seed: number) {
  const b = task.trainBatch(createRng(seed), 8);
  return { x: tf.tensor3d(b.x, [b.batch, b.steps, b.inputs]), y: tf.tensor2d(b.y, [b.batch, b.steps], 'int32') };
}

const read = (v: tf.Variable | null) => Float32Array.from((v as tf.Variable).dataSync());

/** Sets n per neuron (a shared n takes the first value). */
const gains = (n: (i: number) => number) => (p: RnnParams) => {
  if (p.n) p.n.assign(tf.tensor(Float32Array.from({ length: p.n.size }, (_, i) => n(i)), p.n.shape));
};

/** ∂L/∂n at the network's current values, by autograd. */
function gainGradient(p: RnnParams, spec: RnnSpec, x: tf.Tensor3D, y: tf.Tensor): Float32Array {
  const n = p.n as tf.Variable;
  const { value, grads } = tf.variableGrads(() => lossAndAccuracy(forward(p, spec, x).logits, y, spec.readout).loss, [n]);
  const g = Float32Array.from(grads[n.name].dataSync());
  tf.dispose([value, ...Object.values(grads)]);
  return g;
}

interface Stepped {
  n0: Float32Array;
  n1: Float32Array;
  grad: Float32Array;
  weights: Record<string, Float32Array>;
}

/** `steps` steps from the same start and batch; the gradient of n is taken at the start. */
function stepFrom(spec: RnnSpec, opts: Partial<TrainStepOptions>, setup: (p: RnnParams) => void, steps = 1): Stepped {
  const p = createRnn(spec, createRng(3));
  setup(p);
  const { x, y } = batch(4);
  const grad = gainGradient(p, spec, x, y);
  const n0 = read(p.n);
  const ts = createTrainStep(p, spec, { lr: LR, clip: 0, constrain: false, activationLrScale: K, ...opts });
  for (let i = 0; i < steps; i++) tf.dispose(Object.values(ts.step(x, y)));
  const out = { n0, n1: read(p.n), grad, weights: Object.fromEntries(WEIGHTS.map((k) => [k, read(p[k])])) };
  ts.dispose();
  disposeRnn(p);
  tf.dispose([x, y]);
  return out;
}

/**
 * Adam's first step on a parameter with gradient g: lr·g/(|g| + ε) (the bias-corrected moments
 * are g and g²), i.e. ±lr unless g is within a few ε of 0.
 */
const firstStep = (g: number) => (LR * K * g) / (Math.abs(g) + EPSILON);

describe('Adam on log n', () => {
  for (const mode of ['homogeneous', 'heterogeneous'] as const) {
    it(`${mode}: one step moves n by −lr·k·sign(g) additively, log n by it with logGain; the weights step identically`, () => {
      const spec = specFor(mode);
      // Per-neuron gains spread over [0.5, 7.4], so each neuron differs.
      const spread = gains((i) => 0.5 + ((i * 7) % 12) * 0.625);
      const off = stepFrom(spec, { logGain: false }, spread);
      const on = stepFrom(spec, { logGain: true }, spread);
      expect(on.n0).toEqual(off.n0);
      expect(off.n1.length).toBe(mode === 'heterogeneous' ? 12 : 1);
      let moved = 0;
      off.n0.forEach((n0, i) => {
        const g = off.grad[i];
        expect(Math.abs(off.n1[i] - n0 + firstStep(g))).toBeLessThan(1e-6);
        // On log n the gradient is n·g: same sign, so the same step, now on log n.
        expect(Math.abs(Math.log(on.n1[i] / n0) + firstStep(n0 * g))).toBeLessThan(1e-6);
        if (Math.abs(g) > 1e-4) {
          expect(Math.abs(Math.log(on.n1[i] / n0))).toBeCloseTo(LR * K, 5);
          moved++;
        }
      });
      expect(moved).toBeGreaterThan(0);
      for (const k of WEIGHTS) expect(on.weights[k]).toEqual(off.weights[k]);
    });
  }

  it('with the constraint, n stays within N_RANGE at both bounds; without it, n leaves', () => {
    const spec = specFor('heterogeneous');
    // The bounds as float32, the values n holds.
    const [lo, hi] = N_RANGE.map(Math.fround);
    // Half the neurons just inside each bound, moving 5 % a step. Small recurrent and input
    // weights keep n·x small, where γ still depends on n (at n·|x| ≫ 1 its n-gradient vanishes).
    const edge = (p: RnnParams) => {
      gains((i) => (i % 2 === 0 ? hi * 0.999 : lo * 1.001))(p);
      for (const w of [p.U, p.V]) w.assign(tf.mul(w, 1e-4));
    };
    const big = { logGain: true, lr: 0.05 / K };
    const kept = stepFrom(spec, { ...big, constrain: true }, edge, 1);
    const free = stepFrom(spec, { ...big, constrain: false }, edge, 1);
    expect(Math.max(...free.n1)).toBeGreaterThan(hi);
    expect(Math.min(...free.n1)).toBeLessThan(lo);
    // Where one step took the free run out of the range, the constrained one sits on the bound.
    for (const r of [kept, stepFrom(spec, { ...big, constrain: true }, edge, 5)]) {
      expect(Math.max(...r.n1)).toBeLessThanOrEqual(hi);
      expect(Math.min(...r.n1)).toBeGreaterThanOrEqual(lo);
    }
    free.n1.forEach((n, i) => {
      if (n > hi) expect(kept.n1[i]).toBe(hi);
      if (n < lo) expect(kept.n1[i]).toBe(lo);
    });
  });
});

describe('the logn setting', () => {
  it('logn=1 in a link sets the run’s logGain, and writes back as logn=1; off by default', () => {
    const { state, notes } = parseHash('#logn=1');
    expect(notes).toEqual([]);
    expect(state.logn).toBe(true);
    expect(runConfig(state).logGain).toBe(true);
    expect(serialize(state)).toBe('logn=1');
    expect(runConfig(parseHash('').state).logGain).toBe(false);
  });
});
