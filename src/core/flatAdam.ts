/**
 * Adam over one flat buffer (layout: flatLayout.ts), with global-norm clipping: the moments are two
 * flat vectors, the step a handful of element-wise kernels over all variables at once instead of
 * ~15 per variable. The fused path (fusedStep.ts) keeps the same moments packed as one tensor
 * [m | v | ‖g‖] for its kernels; each path converts on first use, so a run may change paths.
 *
 * Bias correction is folded into the step size: lr·m̂/(√v̂ + ε) = α·m/(√v + ε̂) with
 * α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ), ε̂ = ε·√(1 − β₂ᵗ) (the same value as tfjs's Adam).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FlatLayout } from './flatLayout';

export const BETA1 = 0.9;
export const BETA2 = 0.999;
export const EPSILON = 1e-7;

/** One saved optimizer tensor: values plus the shape to rebuild it. */
export interface OptimizerTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

type Moments =
  | { kind: 'none' }
  /** From a restore: first then second moments per trained variable (SAVE_ORDER), packed at the next step. */
  | { kind: 'pending'; m: tf.Tensor[]; v: tf.Tensor[] }
  | { kind: 'split'; m: tf.Tensor1D; v: tf.Tensor1D }
  | { kind: 'packed'; S: tf.Tensor1D };

export class FlatAdam {
  iterations = 0;
  private moments: Moments = { kind: 'none' };

  constructor(
    readonly layout: FlatLayout,
    public lr: number,
  ) {}

  /** Step-size factors for the next step (counts the step). */
  advance(): { alpha: number; epsHat: number } {
    this.iterations++;
    const c2 = Math.sqrt(1 - BETA2 ** this.iterations);
    return { alpha: (this.lr * c2) / (1 - BETA1 ** this.iterations), epsHat: EPSILON * c2 };
  }

  /** Flat vector in the full layout from per-trained-variable parts (zeros elsewhere). */
  private unpack(parts: tf.Tensor[]): tf.Tensor1D {
    const byName = new Map(this.layout.saved.map((s, i) => [s.name, parts[i]]));
    return tf.tidy(() =>
      tf.concat(this.layout.slots.map((s) => (byName.has(s.name) ? tf.reshape(byName.get(s.name) as tf.Tensor, [-1]) : tf.zeros([s.size])))),
    ) as tf.Tensor1D;
  }

  /** m and v as two flat tensors (the generic path); created at zero before the first step. */
  split(): { m: tf.Tensor1D; v: tf.Tensor1D } {
    const P = this.layout.size;
    const mo = this.moments;
    let next: { m: tf.Tensor1D; v: tf.Tensor1D };
    if (mo.kind === 'split') return mo;
    if (mo.kind === 'none') next = { m: tf.zeros([P]), v: tf.zeros([P]) };
    else if (mo.kind === 'pending') next = { m: this.unpack(mo.m), v: this.unpack(mo.v) };
    else next = tf.tidy(() => ({ m: tf.slice(mo.S, [0], [P]) as tf.Tensor1D, v: tf.slice(mo.S, [P], [P]) as tf.Tensor1D }));
    this.replace({ kind: 'split', ...next });
    return next;
  }

  /** [m | v | ‖g‖] as one tensor (the fused path). */
  packed(): tf.Tensor1D {
    const P = this.layout.size;
    const mo = this.moments;
    if (mo.kind === 'packed') return mo.S;
    let S: tf.Tensor1D;
    if (mo.kind === 'none') S = tf.zeros([2 * P + 1]);
    else if (mo.kind === 'pending') S = tf.tidy(() => tf.concat([this.unpack(mo.m), this.unpack(mo.v), tf.zeros([1])]) as tf.Tensor1D);
    else S = tf.tidy(() => tf.concat([mo.m, mo.v, tf.zeros([1])]) as tf.Tensor1D);
    this.replace({ kind: 'packed', S });
    return S;
  }

  /** Keeps new moments (made inside a tidy) and frees the old. */
  setSplit(m: tf.Tensor1D, v: tf.Tensor1D): void {
    this.replace({ kind: 'split', m, v });
  }

  setPacked(S: tf.Tensor1D): void {
    this.replace({ kind: 'packed', S });
  }

  /** Swaps the state; new tensors are kept (the steps run inside tidy), the old ones freed. */
  private replace(next: Moments): void {
    const old = this.moments;
    if (next.kind === 'split') [next.m, next.v].forEach((t) => tf.keep(t));
    if (next.kind === 'packed') tf.keep(next.S);
    this.moments = next;
    const keep = new Set(next.kind === 'split' ? [next.m, next.v] : next.kind === 'packed' ? [next.S] : []);
    const drop = old.kind === 'split' ? [old.m, old.v] : old.kind === 'packed' ? [old.S] : old.kind === 'pending' ? [...old.m, ...old.v] : [];
    tf.dispose(drop.filter((t) => !keep.has(t as tf.Tensor1D)));
  }

  /**
   * The state: 'iter', then m and v of each trained variable in SAVE_ORDER ('m0', …, 'v0', …),
   * shaped like the variable. Positional names: tfjs's own names embed engine-global ids.
   */
  async read(): Promise<OptimizerTensor[]> {
    const out: OptimizerTensor[] = [{ name: 'iter', shape: [], values: Float32Array.of(this.iterations) }];
    const { m, v } = this.split();
    const [mv, vv] = (await Promise.all([m.data(), v.data()])) as Float32Array[];
    const saved = this.layout.saved;
    saved.forEach((s, i) => out.push({ name: `m${i}`, shape: s.variable.shape.slice(), values: mv.slice(s.offset, s.offset + s.size) }));
    saved.forEach((s, i) => out.push({ name: `v${i}`, shape: s.variable.shape.slice(), values: vv.slice(s.offset, s.offset + s.size) }));
    return out;
  }

  /** Restores a state written by read() (or by tfjs's Adam in the same positional format). */
  restore(state: OptimizerTensor[]): void {
    const k = this.layout.saved.length;
    if (state.length !== 1 + 2 * k || state[0].name !== 'iter') {
      throw new Error(`optimizer state must hold the iteration count then ${k} first and ${k} second moments (one per trained variable); it has ${state.length} entries`);
    }
    state.slice(1).forEach((e, i) => {
      const s = this.layout.saved[i % k];
      if (e.values.length !== s.size) throw new Error(`optimizer state ${e.name} has ${e.values.length} values; ${s.name} has ${s.size}`);
    });
    this.iterations = Math.round(state[0].values[0]);
    const parts = state.slice(1).map((e) => tf.tensor(e.values, e.shape));
    this.replace({ kind: 'pending', m: parts.slice(0, k), v: parts.slice(k) });
  }

  dispose(): void {
    this.replace({ kind: 'none' });
  }
}
