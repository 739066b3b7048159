/**
 * The training settings of a sweep: the page's defaults (state/schema.ts) with the mode fixed to
 * static and the backend to wasm, the backend the sweeps run on in node.
 */
import type { LandscapeSettings } from '../../src/core/landscapeFile';
import { defaultState, type TaskId } from '../../src/state/schema';

export function defaultSettings(): LandscapeSettings {
  const d = defaultState();
  return { mode: 'static', hidden: d.hidden, batch: d.batch, lr: d.lr, clip: d.clip, constrain: d.constrain, delay: d.delay, backend: 'wasm', init: d.init };
}

/**
 * Training steps per run, chosen by measurement on 2 cores (BENCHMARKS.md, "Landscape sweeps"):
 * enough for good and bad cells to separate, few enough that a task's sweep takes minutes.
 */
export const STEP_BUDGET: Record<TaskId, number> = { rows: 500, ps14: 200, ps28: 100, copy: 800, flipflop: 300 };
