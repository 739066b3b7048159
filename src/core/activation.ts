/**
 * A neuron's activation as the figures need it, whatever the run's mode: γ with its n and s, or
 * the fixed tanh and ReLU the comparison uses as baselines. Value, slope, largest slope, and what
 * its flat parts mean (a γ or a ReLU unit is silent below its bend; tanh saturates at both ends).
 */
import { gamma, gammaPrime } from './gamma';
import { supSlope } from './landmarks';
import type { Mode } from '../state/schema';

export type Activation = { kind: 'gamma'; n: number; s: number } | { kind: 'tanh' } | { kind: 'relu' };

export function activationOf(mode: Mode, n: number, s: number): Activation {
  if (mode === 'tanh') return { kind: 'tanh' };
  if (mode === 'relu') return { kind: 'relu' };
  return { kind: 'gamma', n, s };
}

export function activate(a: Activation, x: number): number {
  if (a.kind === 'gamma') return gamma(x, a.n, a.s);
  return a.kind === 'tanh' ? Math.tanh(x) : Math.max(0, x);
}

export function slope(a: Activation, x: number): number {
  if (a.kind === 'gamma') return gammaPrime(x, a.n, a.s);
  if (a.kind === 'tanh') {
    const t = Math.tanh(x);
    return 1 - t * t;
  }
  return x > 0 ? 1 : 0;
}

export function maxSlope(a: Activation): number {
  return a.kind === 'gamma' ? supSlope(a.n, a.s) : 1;
}

/** True when the flat part below the bend is a second saturation (tanh → −1) rather than silence (≈ 0). */
export function saturatesBelow(a: Activation): boolean {
  return a.kind === 'tanh';
}

export function activationName(a: Activation): string {
  if (a.kind === 'tanh') return 'tanh';
  if (a.kind === 'relu') return 'ReLU';
  return `γ(·; n = ${Number(a.n.toPrecision(3))}, s = ${Number(a.s.toPrecision(3))})`;
}
