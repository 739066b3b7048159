/**
 * React access to runs, by id. A figure gets plain data (RunView: series arrays, frames, numbers)
 * and re-renders on the shared figure clock (figureClock.ts): at most `hz` times per second, each
 * figure in an animation frame of its own, and not at all while `active` is false (off screen);
 * it catches up as soon as it is active again.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
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
 * primitives (a view, a frame, a status), never a fresh object.
 */
function useClocked<T>(runIds: readonly string[], select: (views: RunView[]) => T, { hz = FIGURE_HZ, active = true, name = 'figure' }: ClockOptions): T {
  const key = runIds.join('|');
  const read = () => select(runIds.map((id) => runStore().run(id).view()));
  const [value, setValue] = useState<T>(read);
  useEffect(() => {
    if (!active) return;
    const sub: ClockSubscriber = { name, minGap: 1000 / Math.min(hz, FIGURE_HZ), last: -Infinity, seen: -1, fn: () => setValue(read) };
    const leave = join(sub);
    // Catch up with what arrived between render (or while inactive) and subscription.
    setValue(read);
    return leave;
    // `select` is expected to be stable in meaning; a new closure each render must not resubscribe.
  }, [key, hz, active, name]);
  return value;
}

/** One run's view (null for no run). */
export function useRun(runId: string | null, opts: ClockOptions = {}): RunView | null {
  const ids = useMemo(() => (runId ? [runId] : []), [runId]);
  return useClocked(ids, (v) => v[0] ?? null, opts);
}

/** The views of several runs, in the order given (a new array only when one of them changed). */
export function useRuns(runIds: readonly string[], opts: ClockOptions = {}): readonly RunView[] {
  const last = useMemo(() => ({ views: [] as RunView[] }), []);
  return useClocked(runIds, (views) => {
    const same = views.length === last.views.length && views.every((v, i) => v === last.views[i]);
    if (!same) last.views = views;
    return last.views;
  }, opts);
}

/** One value derived from a run (its status, its newest portrait's step), re-rendering only when it changes. */
export function useRunValue<T>(runId: string | null, select: (view: RunView | null) => T, opts: ClockOptions = {}): T {
  const ids = useMemo(() => (runId ? [runId] : []), [runId]);
  return useClocked(ids, (v) => select(v[0] ?? null), opts);
}

/** The runs of a group, re-rendering when runs are made or removed. */
export function useRunEntries(group: RunGroup): readonly RunEntry[] {
  const ctl = runs();
  const cache = useMemo(() => ({ version: -1, list: [] as readonly RunEntry[] }), []);
  return useSyncExternalStore(ctl.subscribe, () => {
    if (cache.version !== ctl.version()) {
      const next = ctl.group(group);
      const same = next.length === cache.list.length && next.every((e, i) => e === cache.list[i]);
      if (!same) cache.list = next;
      cache.version = ctl.version();
    }
    return cache.list;
  });
}
