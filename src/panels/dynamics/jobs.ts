/**
 * The analyses of a run's weights, as jobs of the dynamics worker: the Lyapunov spectrum with its
 * running estimates (bits per step), gradient propagation and mutual information on the run's
 * probe sequences. Each starts from the inputs a follower hands it (useFollowedJob.ts).
 */
import { natsToBits } from '../../core/lyapunov';
import type { DynamicsJob, FlowProgress } from '../../engine/dynamicsClient';
import type { GradientFlow, StateInputMI } from '../../engine/dynamicsProtocol';
import type { ProbeInputs } from '../../engine/protocol';
import { dynamics } from './dynamicsRuntime';
import { flowRequest, miRequest, spectrumRequest, type RunWeights } from './requests';

export interface SpectrumProgress {
  steps: number[];
  /** Running estimates, bits per step, largest first. */
  estimates: number[][];
  total: number;
}

export interface SpectrumResult extends SpectrumProgress {
  bits: number[];
  burnIn: number;
}

export function spectrumJob(w: RunWeights, onProgress: (p: SpectrumProgress) => void): DynamicsJob<SpectrumResult> {
  const req = spectrumRequest(w);
  const steps: number[] = [];
  const estimates: number[][] = [];
  const job = dynamics().lyapunov(req, (p) => {
    steps.push(p.step);
    estimates.push(p.exponents.map(natsToBits));
    // Fresh arrays each time: a figure keeps what it was given.
    onProgress({ steps: steps.slice(), estimates: estimates.slice(), total: p.total });
  });
  return {
    done: job.done.then((ex) => (ex ? { bits: ex.map(natsToBits), steps: steps.slice(), estimates: estimates.slice(), total: req.steps, burnIn: req.burnIn } : null)),
    cancel: job.cancel,
  };
}

/** A run's weights with the inputs to drive it with. */
export interface DrivenInput {
  weights: RunWeights;
  probe: ProbeInputs;
}

export function flowJob({ weights, probe }: DrivenInput, onProgress: (p: FlowProgress) => void): DynamicsJob<GradientFlow> {
  return dynamics().flow(flowRequest(weights, probe), onProgress);
}

export interface MiResult extends StateInputMI {
  window: number;
  inputs: number;
}

export function miJob({ weights, probe }: DrivenInput): DynamicsJob<MiResult> {
  const req = miRequest(weights, probe);
  const job = dynamics().probeMi(req);
  return { done: job.done.then((r) => r && { ...r, window: req.window, inputs: probe.inputs }), cancel: job.cancel };
}
