/**
 * The analyses registry: what the worker computes about a run besides its loss, each entry a
 * compute function, a cadence and the buffers its result moves to the page in. The trainer runs
 * every entry that is due after a test evaluation; results ride on the next snapshot
 * (Snapshot.analyses) and the page keeps a bounded log of each (state/analyses.ts).
 */
import type { ProbeBatch } from '../core/tasks/index';
import type { AnalysisBatch, AnalysisId, AnalysisResults } from './protocol';
import { probeStates, portraitOf, histogram, type ProbeStates } from './evaluation';
import { LYAPUNOV_EVERY_MS } from './analysisCadence';
import { lyapunovOf } from './lyapunovAnalysis';
import type { RunModel } from './runModel';

export { LYAPUNOV_EVERY_MS };

export interface AnalysisContext {
  model: RunModel;
  probe: ProbeBatch;
  step: number;
  /** The probe set's hidden states and pre-activations, computed once for every entry that needs them. */
  states(): Promise<ProbeStates>;
}

export interface AnalysisEntry<K extends AnalysisId> {
  id: K;
  /** Least milliseconds between two runs (0: with every test evaluation). */
  everyMs: number;
  compute(ctx: AnalysisContext): Promise<AnalysisResults[K]>;
  /** The typed arrays of a result, moved (not copied) to the page. */
  buffers(result: AnalysisResults[K]): ArrayBufferView[];
}

type Registry = { [K in AnalysisId]: AnalysisEntry<K> };

export const ANALYSES: Registry = {
  portrait: {
    id: 'portrait',
    everyMs: 0,
    compute: async (ctx) => portraitOf(await ctx.states(), ctx.probe, ctx.model.spec.hidden),
    buffers: (p) => [p.proj, p.labels, p.explained],
  },
  preact: {
    id: 'preact',
    everyMs: 0,
    compute: async (ctx) => histogram((await ctx.states()).a),
    buffers: (h) => [h.edges, h.counts],
  },
  lyapunov: {
    id: 'lyapunov',
    everyMs: LYAPUNOV_EVERY_MS,
    compute: (ctx) => lyapunovOf(ctx.model),
    buffers: (l) => [l.bits],
  },
  probe: {
    id: 'probe',
    // Once per model build (the trainer forgets when entries ran on a reset): the inputs are fixed.
    everyMs: Infinity,
    // A copy: the task keeps its probe set, and results are moved, not copied, to the page.
    compute: async ({ probe }) => ({ x: Float32Array.from(probe.x), probes: probe.batch, steps: probe.steps, inputs: probe.inputs }),
    buffers: (p) => [p.x],
  },
};

/** Runs the entries due at `now` (given when each last ran) and returns their results. */
export async function runAnalyses(model: RunModel, probe: ProbeBatch, step: number, now: number, lastRun: Map<AnalysisId, number>): Promise<AnalysisBatch> {
  let cached: Promise<ProbeStates> | null = null;
  const ctx: AnalysisContext = { model, probe, step, states: () => (cached ??= probeStates(model, probe)) };
  const out: AnalysisBatch = {};
  for (const entry of Object.values(ANALYSES) as AnalysisEntry<AnalysisId>[]) {
    if (now - (lastRun.get(entry.id) ?? -Infinity) < entry.everyMs) continue;
    lastRun.set(entry.id, now);
    (out as Record<AnalysisId, unknown>)[entry.id] = { step, value: await entry.compute(ctx) };
  }
  return out;
}

/** Buffers of every result in a batch, for postMessage's transfer list. */
export function analysisBuffers(batch: AnalysisBatch): ArrayBufferView[] {
  const out: ArrayBufferView[] = [];
  for (const id of Object.keys(batch) as AnalysisId[]) {
    const r = batch[id];
    if (r) out.push(...(ANALYSES[id] as AnalysisEntry<AnalysisId>).buffers(r.value));
  }
  return out;
}
