/**
 * The run's own mutual information between hidden state and recent inputs, on its task's probe
 * sequences, in bits with its sample count, under the MI map.
 */
import type { FollowerState } from './follower';
import type { DrivenInput, MiResult } from './jobs';
import { isGammaRun, type DynamicsRun } from './useDynamicsRun';
import dyn from '../../charts/dynamics/dynamics.module.css';

export function MiReadout({ run, job }: { run: DynamicsRun; job: FollowerState<DrivenInput, MiResult, never> }) {
  if (!run.entry || !isGammaRun(run.entry)) return null;
  const r = job.result;
  return (
    <p className={dyn.dynStatus} data-testid="mimap-run">
      {r && job.of ? (
        <>
          This run at step {job.of.weights.step}, on its task’s probe sequences: I(h<sub>t</sub>; last {r.window} input{r.window > 1 ? 's' : ''}) ≈{' '}
          <strong data-testid="mimap-run-bits" data-bits={r.mi / Math.LN2}>
            {(r.mi / Math.LN2).toFixed(2)} bits
          </strong>{' '}
          from {r.samples} samples ({r.dimState}-dimensional state, {r.dimInputs}-dimensional inputs
          {r.dimState + r.dimInputs > 10 ? ': in this many dimensions the estimate reads low, see below' : ''}). Not a cell of the
          map: the map’s networks get one random input per step, this run its task’s inputs.
        </>
      ) : job.error ? (
        <span className={dyn.dynError}>The run’s mutual information could not be estimated: {job.error}</span>
      ) : job.running ? (
        <>Estimating this run’s mutual information on its probe sequences (weights at step {job.running.of.weights.step})…</>
      ) : (
        <>This run’s own mutual information appears here once its weights arrive.</>
      )}
    </p>
  );
}
