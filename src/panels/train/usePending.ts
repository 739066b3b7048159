/**
 * The settings changed since the Train section's run was built (they apply on reset), as the names
 * the reader sees. Selected as one string so a drag of n and s re-renders the subscribers only
 * when the list itself changes, not on every move.
 */
import { useAppState } from '../../app/useAppState';
import { paramOf, pendingKeys, runConfig } from '../../state/runConfig';
import { useTrainEntry } from './trainRun';

export function usePendingSettings(): readonly string[] {
  const built = useTrainEntry()?.config ?? null;
  const joined = useAppState((st) =>
    pendingKeys(built, runConfig(st))
      .map(paramOf)
      .join(','),
  );
  return joined ? joined.split(',') : [];
}
