/**
 * The part of the backend self-check that covers the engine's own kernels: where the active
 * backend registers the fused kernels (webgpu) or the per-step ones (webgl), two small networks
 * (per-neuron (n, s) with a last-step read-out; shared (n, s) with a per-step read-out and
 * unscored steps) get their loss, every gradient and two clipped Adam steps compared with the cpu
 * backend's op-by-op path. A wrong kernel on some GPU then fails here,
 * with a reason, instead of training garbage.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fusedAvailable } from '../core/fusedStep';
import type { VarName } from '../core/flatLayout';
import { createTrainStep } from '../core/trainStep';
import { stepKernelsAvailable } from '../core/unrollSteps';
import { caseBatch, caseData, engineGradients, makeParams, relError, type FusedCase } from './fusedFixture';

const CASES: FusedCase[] = [
  { mode: 'heterogeneous', T: 5, N: 8, I: 2, B: 3, C: 3, readout: 'last', seed: 11 },
  { mode: 'homogeneous', T: 4, N: 6, I: 1, B: 2, C: 4, readout: 'all', seed: 12 },
];

/** Float32 rounding differs between backends by ~1e-6 here; a wrong kernel is off by ≥ 1e-2. */
const RTOL = 1e-3;

interface CaseOutputs {
  loss: number;
  grads: Partial<Record<VarName, Float32Array>>;
  after: Partial<Record<VarName, Float32Array>>;
}

async function evaluateCase(c: FusedCase): Promise<CaseOutputs> {
  const d = caseData(c);
  const params = makeParams(d);
  const { x, y } = caseBatch(d);
  const train = createTrainStep(params, d.spec, { lr: 0.01, clip: 0.5, constrain: true });
  try {
    const g = await engineGradients(params, d.spec, x, y);
    for (let i = 0; i < 2; i++) {
      const r = train.step(x, y);
      tf.dispose([r.loss, r.acc, r.gradNorm]);
    }
    const after: CaseOutputs['after'] = {};
    for (const name of ['U', 'V', 'b', 'Wo', 'bo', 'n', 's'] as VarName[]) {
      const v = params[name];
      if (v) after[name] = Float32Array.from(await v.data());
    }
    return { ...g, after };
  } finally {
    train.dispose();
    tf.dispose([x, y, ...Object.values(params).filter((v): v is tf.Variable => v !== null)]);
  }
}

async function evaluateAll(): Promise<CaseOutputs[]> {
  const out: CaseOutputs[] = [];
  for (const c of CASES) out.push(await evaluateCase(c));
  return out;
}

let reference: Promise<CaseOutputs[]> | undefined;

/** The cpu values, computed once per worker. */
async function cpuReference(): Promise<CaseOutputs[]> {
  if (!reference) {
    reference = (async () => {
      const previous = tf.getBackend();
      await tf.setBackend('cpu');
      try {
        return await evaluateAll();
      } finally {
        if (previous && previous !== 'cpu') await tf.setBackend(previous);
      }
    })();
  }
  return reference;
}

export interface FusedCheck {
  /** False when the backend has neither fused nor step kernels (nothing checked). */
  ran: boolean;
  ok: boolean;
  /** Largest relative error in units of the tolerance. */
  worst: number;
  detail: string;
}

export async function selfCheckFused(): Promise<FusedCheck> {
  const which = fusedAvailable() ? 'fused kernels' : stepKernelsAvailable() ? 'step kernels' : null;
  if (!which) return { ran: false, ok: true, worst: 0, detail: '' };
  const name = tf.getBackend();
  const ref = await cpuReference();
  await tf.setBackend(name);
  const got = await evaluateAll();
  const bad: string[] = [];
  let worst = 0;
  const compare = (what: string, g: ArrayLike<number>, r: ArrayLike<number>) => {
    const e = relError(g, r) / RTOL;
    worst = Math.max(worst, e);
    if (!(e <= 1)) bad.push(`${what} off by ${Number.isFinite(e) ? `${e.toFixed(1)}× the tolerance` : 'a non-finite value'}`);
  };
  got.forEach((g, i) => {
    const r = ref[i];
    const tag = `case ${i + 1}`;
    compare(`${tag} loss`, [g.loss], [r.loss]);
    for (const k of Object.keys(r.grads) as VarName[]) compare(`${tag} ∂L/∂${k}`, g.grads[k] ?? [], r.grads[k] as Float32Array);
    for (const k of Object.keys(r.after) as VarName[]) compare(`${tag} ${k} after two Adam steps`, g.after[k] ?? [], r.after[k] as Float32Array);
  });
  return {
    ran: true,
    ok: bad.length === 0,
    worst,
    detail: bad.length === 0
      ? `${which} match cpu (loss, gradients, Adam steps; worst ${worst.toPrecision(2)}× the tolerance ${RTOL})`
      : `${which} disagree with cpu: ${bad.slice(0, 3).join(', ')}${bad.length > 3 ? `, and ${bad.length - 3} more` : ''}`,
  };
}
