/**
 * Test fixtures for run files: a history filled to every bound the page keeps (through the same
 * messages a worker sends) and a checkpoint of the right shapes, without training for hours.
 */
import type { VariableShape } from '../../src/core/rnnShapes';
import { sizeOf } from '../../src/core/rnnShapes';
import type { Checkpoint, Snapshot } from '../../src/engine/protocol';
import type { RunStore } from '../../src/state/runStore';

/** A deterministic stream of numbers in (−1, 1). */
function wave(seed: number): (i: number) => number {
  return (i) => Math.sin(seed * 12.9898 + i * 78.233) * 0.999;
}

export interface FullHistoryOptions {
  hidden: number;
  steps: number;
  /** Probe sequences and their length (the portrait's size). */
  probes: number;
  seqSteps: number;
  perNeuron: boolean;
}

/** Ingests `steps` steps in snapshots of 50, with a test evaluation, portrait and histogram every other snapshot. */
export function fullHistory(store: RunStore, runId: string, o: FullHistoryOptions): void {
  const w = wave(3);
  const k = o.perNeuron ? o.hidden : 1;
  for (let from = 0, i = 0; from < o.steps; from += 50, i++) {
    const steps = Int32Array.from({ length: 50 }, (_, j) => from + j);
    const evaluated = i % 2 === 0;
    const to = from + 50;
    const snapshot: Snapshot = {
      runId,
      step: to,
      steps,
      losses: Float32Array.from(steps, (s) => 2 * Math.exp(-s / 20_000) + 0.05 * w(s)),
      accs: Float32Array.from(steps, (s) => 1 - Math.exp(-s / 20_000)),
      tests: evaluated ? [{ step: to, loss: 1 + w(to), acc: 0.5 + 0.4 * w(to + 1) }] : [],
      n: Float32Array.from({ length: k }, (_, j) => 1 + 0.5 * w(to + j)),
      s: Float32Array.from({ length: k }, (_, j) => 0.5 + 0.4 * w(to - j)),
      stepsPerSec: 300,
      backend: 'wasm',
      tensors: 40,
      lr: 0.003,
      analyses: evaluated
        ? {
            portrait: {
              step: to,
              value: {
                probes: o.probes,
                steps: o.seqSteps,
                dims: 3,
                proj: Float32Array.from({ length: o.probes * o.seqSteps * 3 }, (_, j) => 4 * w(to + j)),
                labels: Int32Array.from({ length: o.probes }, (_, j) => j % 10),
                explained: Float32Array.from([0.5, 0.3, 0.1]),
              },
            },
            preact: {
              step: to,
              value: { edges: Float32Array.from({ length: 41 }, (_, j) => j / 10 - 2), counts: Float32Array.from({ length: 40 }, (_, j) => 100 + 50 * w(to + j)), mean: 0.1, std: 0.9 },
            },
            // Every fourth estimate failed (weights too large): NaN bits and the reason.
            lyapunov: {
              step: to,
              value:
                i % 8 === 6
                  ? { bits: Float64Array.from({ length: 4 }, () => NaN), steps: 0, burnIn: 200, ms: 12, error: 'the tangent vectors overflowed' }
                  : { bits: Float64Array.from({ length: 4 }, (_, j) => 0.3 * w(to + j) - j / 10), steps: 2000, burnIn: 200, ms: 190 },
            },
            ...(i === 0 ? { probe: { step: to, value: { x: Float32Array.from({ length: o.probes * o.seqSteps * 2 }, (_, j) => w(j)), probes: o.probes, steps: o.seqSteps, inputs: 2 } } } : {}),
          }
        : {},
    };
    store.ingest({ type: 'snapshot', runId, snapshot });
  }
  store.ingest({ type: 'status', runId, status: 'paused', step: o.steps });
  store.ingest({ type: 'checkpoint', runId, checkpoint: { runId, step: o.steps, tensors: [] } });
}

/** Weights and Adam's moments shaped for `vars`, with values in (−1, 1). */
export function syntheticCheckpoint(vars: readonly VariableShape[], step: number): Checkpoint {
  const w = wave(7);
  const fill = (shape: number[], offset: number) => Float32Array.from({ length: sizeOf(shape) }, (_, i) => w(offset + i));
  const tensors: Checkpoint['tensors'] = vars.map((v, i) => ({ name: v.name, shape: v.shape, values: fill(v.shape, i * 10_000) }));
  const trained = vars.filter((v) => v.trained);
  tensors.push({ name: 'opt/iter', shape: [], values: Float32Array.of(step) });
  for (const m of ['m', 'v']) trained.forEach((v, i) => tensors.push({ name: `opt/${m}${i}`, shape: v.shape, values: fill(v.shape, 99_999 + i) }));
  return { runId: 'synthetic', step, tensors };
}
