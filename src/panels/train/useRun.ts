/**
 * React access to the current run's history, re-rendering at most `hz` times per second however
 * often snapshots arrive (the store itself notifies at most once per animation frame).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { runStore, type RunHistory } from '../../state/runStore';
import { currentRunId, engineVersion, subscribeEngine } from './engine';

export function useRunId(): string {
  useSyncExternalStore(subscribeEngine, engineVersion);
  return currentRunId();
}

export function useRun(hz = 10): { run: RunHistory; version: number } {
  const runId = useRunId();
  const store = runStore();
  const [version, setVersion] = useState(() => store.run(runId).version);
  useEffect(() => {
    const minGap = 1000 / hz;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = () => {
      timer = null;
      last = performance.now();
      setVersion(store.run(runId).version);
    };
    const off = store.subscribe(() => {
      if (timer !== null) return;
      const wait = minGap - (performance.now() - last);
      if (wait <= 0) update();
      else timer = setTimeout(update, wait);
    });
    update();
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, runId, hz]);
  return { run: store.run(runId), version };
}
