/**
 * The weights of a run's latest checkpoint (sent by the training worker every few seconds while
 * it trains, and when it pauses), and the probe inputs the run sees. Re-rendered only when a new
 * checkpoint or a new probe set arrives, never per snapshot.
 */
import { useMemo } from 'react';
import type { ProbeInputs } from '../../engine/protocol';
import { runStore } from '../../state/runStore';
import type { RunView } from '../../state/runTypes';
import { useRunValue } from '../useRun';
import { weightsOf, type RunWeights } from './requests';

const checkpointStepOf = (v: RunView | null) => v?.checkpointStep ?? null;
const probeOf = (v: RunView | null): ProbeInputs | null => v?.analyses.probe.at(-1)?.value ?? null;

export function useRunWeights(runId: string | null, active: boolean): RunWeights | null {
  const step = useRunValue(runId, checkpointStepOf, { hz: 2, active, name: 'dynamics-weights' });
  return useMemo(() => {
    const c = runId && step !== null ? runStore().run(runId).latestCheckpoint : null;
    return c && step !== null ? weightsOf(c, step) : null;
  }, [runId, step]);
}

export function useProbeInputs(runId: string | null, active: boolean): ProbeInputs | null {
  return useRunValue(runId, probeOf, { hz: 2, active, name: 'dynamics-probe' });
}
