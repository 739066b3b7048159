/**
 * Checks the engine's kernels on a backend (fused on webgpu, per-step on webgl) against the plain reference (referenceRnn.ts on the cpu
 * backend) on one case: hidden states and logits of the forward pass, every gradient (from the
 * fused kernels directly and through autograd around the fused unroll), and the variables after
 * two clipped Adam steps. Errors are max-norm relative (fusedFixture.relError). With Adam on log n
 * the steps' reference is the generic path on the cpu backend (tfjs's Adam has no log n).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { VarName } from '../core/flatLayout';
import { fusedAvailable } from '../core/fusedStep';
import { forward, learnsActivation, lossAndAccuracy, type RnnParams } from '../core/rnn';
import { createTrainStep } from '../core/trainStep';
import { stepKernelsAvailable } from '../core/unrollSteps';
import { caseBatch, caseData, engineGradients, makeParams, relError, type CaseData, type FusedCase } from '../engine/fusedFixture';
import type { BackendName } from '../engine/protocol';
import { referenceForward, referenceGradients, referenceTrain } from './referenceRnn';

export interface FusedCaseErrors {
  case: FusedCase;
  backend: string;
  fused: boolean;
  /** The recurrence ran through the per-step kernels (webgl). */
  stepKernels: boolean;
  /** Hidden states of every step. */
  states: number;
  logits: number;
  loss: number;
  /** |accuracy − the reference's|: 0 unless a row's arg-max differs. */
  acc: number;
  /** Worst over the trained variables: the fused gradient kernels. */
  grads: number;
  /** Worst over the trained variables: autograd around the fused unroll (the op the evaluation uses). */
  autograd: number;
  /** Worst over every variable after two Adam steps. */
  step: number;
  /** Which quantity was worst, for the report. */
  worstOf: string;
}

const OPT = { lr: 1e-3, clip: 1, constrain: true, steps: 2 };
const NAMES: VarName[] = ['U', 'V', 'b', 'Wo', 'bo', 'n', 's'];

interface Values {
  states: Float32Array;
  logits: Float32Array;
  loss: number;
  acc: number;
  grads: Partial<Record<VarName, Float32Array>>;
  autograd: Partial<Record<VarName, Float32Array>>;
  after: Partial<Record<VarName, Float32Array>>;
}

function free(p: RnnParams): void {
  tf.dispose(Object.values(p).filter((v): v is tf.Variable => v !== null));
}

async function read(p: RnnParams): Promise<Partial<Record<VarName, Float32Array>>> {
  const out: Partial<Record<VarName, Float32Array>> = {};
  for (const k of NAMES) {
    const v = p[k];
    if (v) out[k] = Float32Array.from(await v.data());
  }
  return out;
}

async function readAll(ts: Record<string, tf.Tensor>): Promise<Partial<Record<VarName, Float32Array>>> {
  const out: Partial<Record<VarName, Float32Array>> = {};
  for (const [k, t] of Object.entries(ts)) out[k as VarName] = Float32Array.from(await t.data());
  return out;
}

/** OPT.steps steps of the engine's training step (fused where the backend has the kernels). */
function trainSteps(p: RnnParams, d: CaseData, x: tf.Tensor3D, y: tf.Tensor, logGain: boolean): void {
  const train = createTrainStep(p, d.spec, { lr: OPT.lr, clip: OPT.clip, constrain: OPT.constrain, logGain });
  for (let i = 0; i < OPT.steps; i++) {
    const r = train.step(x, y);
    tf.dispose([r.loss, r.acc, r.gradNorm]);
  }
  train.dispose();
}

async function referenceValues(d: CaseData, logGain: boolean): Promise<Values> {
  const p = makeParams(d);
  const { x, y } = caseBatch(d);
  const { H, logitsT, loss, acc, grads } = tf.tidy(() => {
    const f = referenceForward(p, d.spec, x, y);
    const g = referenceGradients(p, d.spec, x, y);
    return { H: f.H, logitsT: f.logits, loss: g.loss, acc: lossAndAccuracy(f.logits, y, d.spec.readout).acc, grads: g.grads };
  });
  const gv = await readAll(grads);
  const v: Values = { states: (await H.data()) as Float32Array, logits: (await logitsT.data()) as Float32Array, loss: (await loss.data())[0], acc: (await acc.data())[0], grads: gv, autograd: gv, after: {} };
  tf.dispose([H, logitsT, loss, acc, ...Object.values(grads)]);
  if (logGain) trainSteps(p, d, x, y, true);
  else referenceTrain(p, d.spec, x, y, OPT);
  v.after = await read(p);
  free(p);
  tf.dispose([x, y]);
  return v;
}

async function engineValues(d: CaseData, logGain: boolean): Promise<Values> {
  const p = makeParams(d);
  const { x, y } = caseBatch(d);
  const { states, logits, acc } = tf.tidy(() => {
    const r = forward(p, d.spec, x, { keepStates: true });
    // states [B, T, N] → time-major rows like the reference.
    return { states: tf.transpose(r.states as tf.Tensor3D, [1, 0, 2]), logits: r.logits, acc: lossAndAccuracy(r.logits, y, d.spec.readout).acc };
  });
  const g = await engineGradients(p, d.spec, x, y);
  const learn = learnsActivation(d.spec.mode);
  const vars = NAMES.filter((k) => p[k] && (learn || (k !== 'n' && k !== 's'))).map((k) => [k, p[k] as tf.Variable] as const);
  const auto = tf.tidy(() => {
    const { grads } = tf.variableGrads(() => lossAndAccuracy(forward(p, d.spec, x).logits, y, d.spec.readout).loss, vars.map(([, v]) => v));
    return Object.fromEntries(vars.map(([k, v]) => [k, grads[v.name] ?? tf.zerosLike(v)]));
  });
  const v: Values = { states: (await states.data()) as Float32Array, logits: (await logits.data()) as Float32Array, loss: g.loss, acc: (await acc.data())[0], grads: g.grads, autograd: await readAll(auto), after: {} };
  tf.dispose([states, logits, acc, ...Object.values(auto)]);
  trainSteps(p, d, x, y, logGain);
  v.after = await read(p);
  free(p);
  tf.dispose([x, y]);
  return v;
}

export async function checkFusedCase(c: FusedCase, backend: BackendName): Promise<FusedCaseErrors> {
  const d = caseData(c);
  await tf.setBackend('cpu');
  const ref = await referenceValues(d, c.logGain ?? false);
  await tf.setBackend(backend);
  const got = await engineValues(d, c.logGain ?? false);
  const worst: [string, number][] = [];
  const over = (label: string, a: Partial<Record<VarName, Float32Array>>, b: Partial<Record<VarName, Float32Array>>) => {
    let w = 0;
    for (const k of Object.keys(b) as VarName[]) {
      const e = relError(a[k] ?? [], b[k] as Float32Array);
      worst.push([`${label} ${k}`, e]);
      w = Math.max(w, e);
    }
    return w;
  };
  const r: FusedCaseErrors = {
    case: c,
    backend,
    fused: fusedAvailable(),
    stepKernels: stepKernelsAvailable(),
    states: relError(got.states, ref.states),
    logits: relError(got.logits, ref.logits),
    loss: relError([got.loss], [ref.loss]),
    acc: Math.abs(got.acc - ref.acc),
    grads: over('∂L/∂', got.grads, ref.grads),
    autograd: over('autograd ∂L/∂', got.autograd, ref.autograd),
    step: over('after Adam', got.after, ref.after),
    worstOf: '',
  };
  worst.push(['states', r.states], ['logits', r.logits], ['loss', r.loss]);
  worst.sort((a, b) => b[1] - a[1]);
  r.worstOf = `${worst[0][0]} (${worst[0][1].toExponential(2)})`;
  return r;
}
