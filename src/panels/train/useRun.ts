/**
 * React access to the current run's history. All training figures share one clock: the run store
 * notifies at most once per animation frame, the clock ticks at most FIGURE_HZ times per second,
 * and every subscriber due on a tick is updated inside one flushSync, so all visible figures
 * render, commit and run their effects (canvas draws) in a single task per tick instead of one
 * task per figure. Each tick's scripting time is recorded as a performance measure
 * (FIGURE_UPDATE_MEASURE) for the page benchmark.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { runStore, type RunHistory } from '../../state/runStore';
import { currentRunId, engineVersion, subscribeEngine } from './engine';

/** Upper bound on figure updates per second (snapshots may arrive faster). */
export const FIGURE_HZ = 10;
/** Name of the performance measure around one tick's render + commit + effects. */
export const FIGURE_UPDATE_MEASURE = 'figures-update';

interface Subscriber {
  minGap: number;
  last: number;
  /** Run store version this subscriber last rendered. */
  seen: number;
  fn: () => void;
}

const subscribers = new Set<Subscriber>();
let lastTick = -Infinity;
let timer: ReturnType<typeof setTimeout> | null = null;
let unsubscribeStore: (() => void) | null = null;

const version = () => runStore().version();

function tick(): void {
  timer = null;
  const now = performance.now();
  lastTick = now;
  const all = [...subscribers];
  const due = all.filter((sub) => now - sub.last >= sub.minGap - 1);
  // Slower subscribers not due yet still get this change: a follow-up tick when they are due,
  // even if no further message arrives (the last status of a run must reach every view).
  const waiting = all.filter((sub) => !due.includes(sub) && sub.seen !== version());
  if (waiting.length > 0) {
    const wait = Math.min(...waiting.map((sub) => sub.last + sub.minGap - now));
    timer = setTimeout(tick, Math.max(0, Math.min(wait, 1000 / FIGURE_HZ)));
  }
  if (due.length === 0) return;
  flushSync(() => {
    for (const sub of due) {
      sub.last = now;
      sub.seen = version();
      sub.fn();
    }
  });
  const end = performance.now();
  performance.measure(FIGURE_UPDATE_MEASURE, { start: now, end, detail: due.length });
  // Measures would pile up in the timeline buffer over a long run: keep only what observers saw.
  performance.clearMeasures(FIGURE_UPDATE_MEASURE);
}

function onStoreChange(): void {
  if (timer !== null) return;
  const wait = 1000 / FIGURE_HZ - (performance.now() - lastTick);
  if (wait <= 0) tick();
  else timer = setTimeout(tick, wait);
}

function join(sub: Subscriber): () => void {
  subscribers.add(sub);
  unsubscribeStore ??= runStore().subscribe(onStoreChange);
  return () => {
    subscribers.delete(sub);
    if (subscribers.size === 0 && unsubscribeStore) {
      unsubscribeStore();
      unsubscribeStore = null;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    }
  };
}

export function useRunId(): string {
  useSyncExternalStore(subscribeEngine, engineVersion);
  return currentRunId();
}

/**
 * The current run and its version, re-rendering at most `hz` (≤ FIGURE_HZ) times per second while
 * `active` (a figure passes whether it is on screen); it catches up as soon as it is active again.
 */
export function useRun(hz = FIGURE_HZ, active = true): { run: RunHistory; version: number } {
  const runId = useRunId();
  const store = runStore();
  const [version, setVersion] = useState(() => store.run(runId).version);
  useEffect(() => {
    if (!active) return;
    const sub: Subscriber = { minGap: 1000 / Math.min(hz, FIGURE_HZ), last: -Infinity, seen: -1, fn: () => setVersion(store.run(runId).version) };
    const leave = join(sub);
    // Catch up with what arrived between render (or while hidden) and subscription.
    setVersion(store.run(runId).version);
    return leave;
  }, [store, runId, hz, active]);
  return { run: store.run(runId), version };
}

/**
 * One value derived from the current run, re-rendering only when it changes (Object.is), checked
 * on the shared clock's ticks. The selector must return a primitive or a stored object (the
 * status, the newest portrait's step), never a fresh object.
 */
export function useRunValue<T>(select: (run: RunHistory) => T, hz = FIGURE_HZ, active = true): T {
  const runId = useRunId();
  const store = runStore();
  const [value, setValue] = useState<T>(() => select(store.run(runId)));
  useEffect(() => {
    if (!active) return;
    const sub: Subscriber = { minGap: 1000 / Math.min(hz, FIGURE_HZ), last: -Infinity, seen: -1, fn: () => setValue(() => select(store.run(runId))) };
    const leave = join(sub);
    setValue(() => select(store.run(runId)));
    return leave;
    // `select` is expected to be a module-level function; a new closure each render must not resubscribe.
  }, [store, runId, hz, active]);
  return value;
}
