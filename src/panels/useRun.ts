/**
 * React access to runs, by id. A figure gets plain data (RunView: series arrays, frames, numbers)
 * and re-renders on the shared figure clock (figureClock.ts): at most `hz` times per second, each
 * figure in an animation frame of its own, and not at all while `active` is false (off screen);
 * it catches up as soon as it is active again.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { ClockedSource } from './clockedSource';
import type { RunEntry, RunGroup } from '../state/runController';
import { runStore } from '../state/runStore';
import type { RunView } from '../state/runTypes';
import { createFigureClock, FIGURE_HZ, type ClockSubscriber } from './figureClock';
import { runs } from './runtime';

export { FIGURE_HZ } from './figureClock';

const clock = createFigureClock(() => runStore().version());
let members = 0;
let unsubscribeStore: (() => void) | null = null;

function join(sub: ClockSubscriber): () => void {
  const leave = clock.join(sub);
  members++;
  unsubscribeStore ??= runStore().subscribe(clock.changed);
  return () => {
    leave();
    if (--members === 0 && unsubscribeStore) {
      unsubscribeStore();
      unsubscribeStore = null;
    }
  };
}

export interface ClockOptions {
  /** Most updates per second (≤ FIGURE_HZ). */
  hz?: number;
  /** False while the figure is off screen: no updates until it is back. */
  active?: boolean;
  /** Names the figure in the page benchmark's per-figure numbers. */
  name?: string;
}

/**
 * `select` applied to the views of `runIds`, re-evaluated on the figure clock; the component
 * re-renders only when the result changes (Object.is). `select` must return stored objects or
 * primitives (a view, a frame, a status), never a fresh object, and keep its meaning from one
 * render to the next: a new closure does not resubscribe.
 */
function useClocked<T>(runIds: readonly string[], select: (views: RunView[]) => T, { hz = FIGURE_HZ, active = true, name = 'figure' }: ClockOptions): T {
  const key = runIds.join('|');
  const read = () => select(runIds.map((id) => runStore().run(id).view()));
  // A new source when the runs or the clock settings change; `read` is handed over after each render.
  const [source, setSource] = useState(() => ({ deps: '', src: null as ClockedSource<T> | null }));
  const deps = `${key}/${hz}/${active}/${name}`;
  let current = source;
  if (source.deps !== deps || !source.src) {
    current = { deps, src: new ClockedSource(read, join, { name, minGap: 1000 / Math.min(hz, FIGURE_HZ), active }) };
    setSource(current);
  }
  const src = current.src as ClockedSource<T>;
  useEffect(() => src.setRead(read));
  return useSyncExternalStore(src.subscribe, src.get);
}

/** One run's view (null for no run). */
export function useRun(runId: string | null, opts: ClockOptions = {}): RunView | null {
  const ids = useMemo(() => (runId ? [runId] : []), [runId]);
  return useClocked(ids, (v) => v[0] ?? null, opts);
}

/** The views of several runs, in the order given (a new array only when one of them changed). */
export function useRuns(runIds: readonly string[], opts: ClockOptions = {}): readonly RunView[] {
  return useClocked(runIds, sameViews, opts);
}

/** The run store's views of these runs, as the same array as long as none of them changed. */
const sameViews = (() => {
  const last = new Map<string, RunView[]>();
  return (views: RunView[]): RunView[] => {
    const key = views.map((v) => v.runId).join('|');
    const prev = last.get(key);
    if (prev && prev.length === views.length && prev.every((v, i) => v === views[i])) return prev;
    last.set(key, views);
    // Only recent run sets matter; older keys belong to runs long replaced.
    if (last.size > 32) last.delete(last.keys().next().value as string);
    return views;
  };
})();

/** One value derived from a run (its status, its newest portrait's step), re-rendering only when it changes. */
export function useRunValue<T>(runId: string | null, select: (view: RunView | null) => T, opts: ClockOptions = {}): T {
  const ids = useMemo(() => (runId ? [runId] : []), [runId]);
  return useClocked(ids, (v) => select(v[0] ?? null), opts);
}

/** The runs of a group, re-rendering when runs are made, changed or removed. */
export function useRunEntries(group: RunGroup): readonly RunEntry[] {
  const ctl = runs();
  return useSyncExternalStore(ctl.subscribe, () => ctl.group(group));
}
