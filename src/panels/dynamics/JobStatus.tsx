/**
 * One line above a figure that analyses a run's weights: which step's weights it shows, what it is
 * computing now, or why there is nothing yet.
 */
import type { ReactNode } from 'react';
import { isGammaRun, type DynamicsRun } from './useDynamicsRun';
import common from '../../app/common.module.css';
import dyn from '../../charts/dynamics/dynamics.module.css';

interface Props {
  run: DynamicsRun;
  /** What is computed ("the spectrum"). */
  what: string;
  /** Step of the weights the figure shows (null: none yet). */
  ofStep: number | null;
  error: string | null;
  /** The job in flight: its weights' step and how far it is, in words. */
  running: { step: number; text: string | null } | null;
  /** What else the figure waits for besides the weights, if it is missing. */
  waitingFor?: string | null;
  /** After "Of the weights at step N". */
  detail?: ReactNode;
}

export function JobStatus({ run, what, ofStep, error, running, waitingFor, detail }: Props) {
  if (!run.entry) return <>Needs a run: train the network (button above) and this fills in.</>;
  if (!isGammaRun(run.entry)) return <>This run uses a fixed {run.entry.config.mode === 'tanh' ? 'tanh' : 'ReLU'}; {what} of a run’s weights is computed here for γ networks only.</>;
  if (!run.weights) return <>Waiting for the run’s weights: the training worker sends them every 3 s while it trains, and when it pauses.</>;
  if (waitingFor) return <>Waiting for {waitingFor}.</>;
  const stale = ofStep !== null && !running && ofStep < run.weights.step && run.status === 'running';
  return (
    <>
      {ofStep !== null && !error && (
        <>
          Of the weights at step <strong data-testid="weights-step">{ofStep}</strong>
          {detail}.{' '}
        </>
      )}
      {error && <span className={dyn.dynError}>Could not compute {what}: {error}. </span>}
      {running && (
        <span className={common.mutedText}>
          Computing {what} of the weights at step {running.step}
          {running.text ? `: ${running.text}` : '…'}
        </span>
      )}
      {stale && <span className={common.mutedText}>While the run trains, newer weights are analysed every few seconds.</span>}
    </>
  );
}
