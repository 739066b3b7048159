/**
 * What a Dynamics figure knows of the Train section's run: its entry, status, latest weights and
 * probe inputs, read only while the figure is on screen.
 */
import { useMemo } from 'react';
import type { RunStatus } from '../../engine/protocol';
import type { RunEntry } from '../../state/runController';
import type { RunView } from '../../state/runTypes';
import { useTrainEntry } from '../train/trainRun';
import { useRunValue } from '../useRun';
import type { DrivenInput } from './jobs';
import type { RunWeights } from './requests';
import { useProbeInputs, useRunWeights } from './useRunWeights';

export interface DynamicsRun {
  entry: RunEntry | undefined;
  runId: string | null;
  status: RunStatus;
  weights: RunWeights | null;
  /** Weights with the probe inputs, once both are here. */
  driven: DrivenInput | null;
}

const statusOf = (v: RunView | null): RunStatus => v?.status ?? 'idle';

export function useDynamicsRun(active: boolean, name: string): DynamicsRun {
  const entry = useTrainEntry();
  const runId = entry?.runId ?? null;
  const status = useRunValue(runId, statusOf, { hz: 2, active, name });
  const weights = useRunWeights(runId, active);
  const probe = useProbeInputs(runId, active);
  const driven = useMemo(() => (weights && probe ? { weights, probe } : null), [weights, probe]);
  return { entry, runId, status, weights, driven };
}

/** True for runs whose activation is the γ family (the analyses of weights need its n and s). */
export function isGammaRun(entry: RunEntry | undefined): boolean {
  return !!entry && entry.config.mode !== 'tanh' && entry.config.mode !== 'relu';
}
