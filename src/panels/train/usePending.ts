/**
 * The settings changed since the current run was built (they apply on reset), as the names the
 * reader sees. Selected as one string so a drag of n and s re-renders the subscribers only when the
 * list itself changes, not on every move.
 */
import { useSyncExternalStore } from 'react';
import { useAppState } from '../../app/useAppState';
import { changedKeys, currentConfig, engineVersion, runConfig, subscribeEngine } from './engine';

/** Config keys named as the settings the reader sees. */
const SETTING_OF: Record<string, string> = { n0: 'n', s0: 's' };

export function usePendingSettings(): readonly string[] {
  useSyncExternalStore(subscribeEngine, engineVersion);
  const joined = useAppState((st) =>
    changedKeys(currentConfig(), runConfig(st))
      .map((k) => SETTING_OF[k] ?? k)
      .join(','),
  );
  return joined ? joined.split(',') : [];
}
