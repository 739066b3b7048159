/**
 * React access to the page's store. Components select the slice they need, so a drag of n and s
 * re-renders only what reads n or s. Selectors must return a stored value (or a primitive), not a
 * fresh object, or React would see a change on every read.
 */
import { useSyncExternalStore } from 'react';
import type { AppState } from '../state/schema';
import { appStore } from '../state/store';

export function useAppState<T>(selector: (s: AppState) => T): T {
  const store = appStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.get()));
}

export function useUrlNotes(): readonly string[] {
  const store = appStore();
  return useSyncExternalStore(store.subscribe, store.notes);
}

/** The store's setter, for event handlers. */
export function setAppState(...args: Parameters<ReturnType<typeof appStore>['set']>): void {
  appStore().set(...args);
}
