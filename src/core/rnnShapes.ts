/**
 * The network's variables by logical name and shape, without building it (no tfjs): what a run
 * file's weights and optimizer moments must look like for a given configuration.
 */
import type { Mode } from '../state/schema';

/** Whether the mode uses the γ family (and so has n, s variables). */
export function usesGamma(mode: Mode): boolean {
  return mode === 'static' || mode === 'homogeneous' || mode === 'heterogeneous';
}

/** Whether n and s are learned with the weights. */
export function learnsActivation(mode: Mode): boolean {
  return mode === 'homogeneous' || mode === 'heterogeneous';
}

export interface VariableShape {
  name: string;
  shape: number[];
  /** Updated by the optimizer (it keeps a first and a second moment for it, in this order). */
  trained: boolean;
}

/** Every variable in the order of rnn.ts's listVariables (and of the optimizer's moments). */
export function variableShapes(mode: Mode, inputs: number, hidden: number, classes: number): VariableShape[] {
  const out: VariableShape[] = [
    { name: 'U', shape: [inputs, hidden], trained: true },
    { name: 'V', shape: [hidden, hidden], trained: true },
    { name: 'b', shape: [hidden], trained: true },
    { name: 'Wo', shape: [hidden, classes], trained: true },
    { name: 'bo', shape: [classes], trained: true },
  ];
  if (usesGamma(mode)) {
    const shape = mode === 'heterogeneous' ? [hidden] : [];
    const trained = learnsActivation(mode);
    out.push({ name: 'n', shape, trained }, { name: 's', shape: shape.slice(), trained });
  }
  return out;
}

/** Number of values a tensor of this shape holds (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
