/**
 * React access to the current run's history. Every training figure updates on the shared figure
 * clock (figureClock.ts): at most FIGURE_HZ times per second, each figure in a task of its own.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { runStore, type RunHistory } from '../../state/runStore';
import { createFigureClock, FIGURE_HZ, type ClockSubscriber } from '../figureClock';
import { currentRunId, engineVersion, subscribeEngine } from './engine';

export { FIGURE_HZ } from '../figureClock';

const version = () => runStore().version();
const clock = createFigureClock(version);
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

export function useRunId(): string {
  useSyncExternalStore(subscribeEngine, engineVersion);
  return currentRunId();
}

/**
 * The current run and its version, re-rendering at most `hz` (≤ FIGURE_HZ) times per second while
 * `active` (a figure passes whether it is on screen); it catches up as soon as it is active again.
 */
export function useRun(hz = FIGURE_HZ, active = true, name = 'figure'): { run: RunHistory; version: number } {
  const runId = useRunId();
  const store = runStore();
  const [version, setVersion] = useState(() => store.run(runId).version);
  useEffect(() => {
    if (!active) return;
    const sub: ClockSubscriber = { name, minGap: 1000 / Math.min(hz, FIGURE_HZ), last: -Infinity, seen: -1, fn: () => setVersion(store.run(runId).version) };
    const leave = join(sub);
    // Catch up with what arrived between render (or while hidden) and subscription.
    setVersion(store.run(runId).version);
    return leave;
  }, [store, runId, hz, active, name]);
  return { run: store.run(runId), version };
}

/**
 * One value derived from the current run, re-rendering only when it changes (Object.is), checked
 * on the shared clock's ticks. The selector must return a primitive or a stored object (the
 * status, the newest portrait's step), never a fresh object.
 */
export function useRunValue<T>(select: (run: RunHistory) => T, hz = FIGURE_HZ, active = true, name = 'value'): T {
  const runId = useRunId();
  const store = runStore();
  const [value, setValue] = useState<T>(() => select(store.run(runId)));
  useEffect(() => {
    if (!active) return;
    const sub: ClockSubscriber = { name, minGap: 1000 / Math.min(hz, FIGURE_HZ), last: -Infinity, seen: -1, fn: () => setValue(() => select(store.run(runId))) };
    const leave = join(sub);
    setValue(() => select(store.run(runId)));
    return leave;
    // `select` is expected to be a module-level function; a new closure each render must not resubscribe.
  }, [store, runId, hz, active, name]);
  return value;
}
