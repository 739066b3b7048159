/**
 * Feeds the session's solution memory from the page's runs: every per-neuron run's latest
 * (n_i, s_i), a few times per second while runs change, so what a reader trained stays on screen
 * after the run is reset or replaced.
 */
import { useSyncExternalStore } from 'react';
import { runStore } from '../../state/runStore';
import { createSolutionMemory, MIN_STEPS, type SolutionMemory } from '../../state/solutions';
import { runs } from '../runtime';

const EVERY_MS = 300;

let memory: SolutionMemory | null = null;

function collect(mem: SolutionMemory): void {
  for (const e of runs().entries()) {
    if (e.config.mode !== 'heterogeneous') continue;
    const v = runStore().run(e.runId).view();
    if (!v.initial || !v.current || v.current.n.length < 2 || v.step < MIN_STEPS) continue;
    mem.record({ runId: e.runId, task: e.config.task, label: e.label, colour: e.colour, step: v.step, status: v.status, initial: v.initial, final: v.current });
  }
}

/** The page's memory, fed from the first use on. */
export function solutionMemory(): SolutionMemory {
  if (memory) return memory;
  const mem = createSolutionMemory();
  memory = mem;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const soon = () => {
    // Trailing: the last change (a pause, the end of a comparison) is always recorded.
    timer ??= setTimeout(() => {
      timer = null;
      collect(mem);
    }, EVERY_MS);
  };
  runStore().subscribe(soon);
  runs().subscribe(soon);
  collect(mem);
  return mem;
}

export function useSolutions() {
  const mem = solutionMemory();
  return useSyncExternalStore(mem.subscribe, mem.byTask);
}
