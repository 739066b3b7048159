/**
 * What the engine is doing, always visible: status, active backend (and why, after a fallback),
 * steps per second, step, last test accuracy, live tensor count. Below it, the notices a reader
 * must not miss: divergence (with a way back), a run stuck at the level of guessing, a restarted
 * worker, a failed run, errors.
 */
import type { BackendName } from '../../engine/protocol';
import type { Fallback, RunView } from '../../state/runTypes';
import { stuckSince } from './stuck';
import controls from '../controls/controls.module.css';

export interface StatusLineProps {
  /** The run (null: none built yet). */
  run: RunView | null;
  onLowerLr: () => void;
  onReset: () => void;
  /** The rate "lower and resume" offers. */
  saferLr: number;
}

const STATUS_TEXT: Record<string, string> = {
  idle: 'ready',
  running: 'training',
  paused: 'paused',
  diverged: 'diverged',
  failed: 'stopped',
};

const BACKEND_TEXT: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'wasm', cpu: 'cpu' };

/** "WebGPU failed at step 212 (device lost); continued on wasm from step 200". */
export function fallbackText(f: Fallback): string {
  return `${BACKEND_TEXT[f.from]} failed at step ${f.failedStep} (${f.cause}); continued on ${BACKEND_TEXT[f.to]} from step ${f.resumeStep}`;
}

/** When the reader forced a backend that could not be used: why, and what runs instead. */
function forcedText(run: RunView): string | null {
  const report = run.backend;
  const asked = report?.requested;
  if (!report || !asked || asked === 'auto' || asked === report.active) return null;
  const why = report.reasons.find((r) => r.backend === asked);
  const what = why?.outcome === 'unavailable' ? 'is not available here' : 'failed its check';
  return `${BACKEND_TEXT[asked]} was asked for but ${what}${why ? ` (${why.detail})` : ''}; training on ${BACKEND_TEXT[report.active]} instead`;
}

export function StatusLine({ run, onLowerLr, onReset, saferLr }: StatusLineProps) {
  if (!run) return <NotStarted />;
  const test = run.tests[run.tests.length - 1];
  const fallback = run.fallbacks[run.fallbacks.length - 1];
  const chosen = run.backend?.reasons.find((r) => r.outcome === 'chosen');
  const backendWhy = fallback ? fallback.reason : chosen?.detail;
  const forced = forcedText(run);
  const stuck = run.status === 'running' || run.status === 'paused' ? stuckSince(run) : null;
  const status = run.backend || run.step > 0 || run.status === 'failed' ? STATUS_TEXT[run.status] ?? run.status : 'starting…';
  return (
    <div className={controls.trainStatus} data-testid="train-status">
      <dl className={controls.statusGrid} aria-live="polite">
        <div>
          <dt>status</dt>
          <dd data-testid="status-value" data-status={run.status}>{status}</dd>
        </div>
        <div>
          <dt>backend</dt>
          <dd data-testid="status-backend" title={backendWhy}>
            {run.backendName ?? '—'}
            {fallback && <span className={controls.statusFlag}> (fell back from {fallback.from})</span>}
          </dd>
        </div>
        <div>
          <dt>steps/s</dt>
          <dd data-testid="status-rate">{run.status === 'running' ? run.stepsPerSec.toFixed(run.stepsPerSec < 10 ? 1 : 0) : '—'}</dd>
        </div>
        <div>
          <dt>step</dt>
          <dd data-testid="status-step" data-checkpoint={run.checkpointStep ?? undefined}>
            {run.step}
          </dd>
        </div>
        <div>
          <dt>test accuracy</dt>
          <dd data-testid="status-acc" data-step={test?.step}>
            {test ? `${(test.acc * 100).toFixed(1)} %` : '—'}
            {/* Test evaluations are spaced out (engine/evalSchedule.ts): say which step this one is of. */}
            {test && (
              <span className={controls.statusAt} data-testid="status-acc-step">
                at step {test.step}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>learning rate</dt>
          <dd data-testid="status-lr">{run.lr || '—'}</dd>
        </div>
        <div>
          <dt>tensors</dt>
          <dd data-testid="status-tensors">{run.tensors || '—'}</dd>
        </div>
      </dl>
      {backendWhy && <p className={controls.statusDetail} data-testid="status-backend-why">Backend: {backendWhy}</p>}
      {fallback && (
        <p className={`${controls.notice} ${controls.warn}`} role="status" data-testid="notice-fallback">
          {fallbackText(fallback)}.
        </p>
      )}
      {forced && !fallback && (
        <p className={`${controls.notice} ${controls.warn}`} role="status" data-testid="notice-forced-backend">
          {forced}.
        </p>
      )}
      {run.status === 'diverged' && (
        <div className={`${controls.notice} ${controls.warn}`} role="alert" data-testid="notice-diverged">
          <p>
            <strong>Training diverged.</strong> {capitalise(run.reason ?? 'the loss stopped being a finite number')}. This is the
            optimizer overshooting, not a bug: a smaller learning rate usually fixes it. The last good weights are kept.
          </p>
          <div className={controls.noticeActions}>
            <button type="button" onClick={onLowerLr} data-testid="diverged-lower-lr">
              Lower the learning rate to {saferLr} and resume
            </button>
            <button type="button" onClick={onReset} data-testid="diverged-reset">
              Reset
            </button>
          </div>
        </div>
      )}
      {stuck && (
        <div className={`${controls.notice} ${controls.warn}`} role="status" data-testid="notice-stuck">
          <p>
            <strong>Learning has stalled.</strong> The loss has stayed at the level of guessing for the last {stuck.steps} steps,
            after it had been lower. Often the units have saturated after too large a step, and their gradients vanish.
          </p>
          <div className={controls.noticeActions}>
            <button type="button" onClick={onLowerLr} data-testid="stuck-lower-lr">
              Lower the learning rate to {saferLr} and resume
            </button>
            <button type="button" onClick={onReset}>
              Reset
            </button>
          </div>
        </div>
      )}
      {run.status === 'failed' && (
        <div className={`${controls.notice} ${controls.warn}`} role="alert" data-testid="notice-failed">
          <p>
            <strong>The run stopped.</strong> {run.reason}
          </p>
          <div className={controls.noticeActions}>
            <button type="button" onClick={onReset}>Reset</button>
          </div>
        </div>
      )}
      {run.restart && run.status !== 'diverged' && (
        <p className={`${controls.notice} ${controls.info}`} role="status" data-testid="notice-crash">
          {capitalise(run.restart.reason)}.
        </p>
      )}
      {run.errors.length > 0 && (
        <p className={`${controls.notice} ${controls.warn}`} role="status" data-testid="notice-error">
          Error from the training worker: {run.errors[run.errors.length - 1]}
        </p>
      )}
    </div>
  );
}

function NotStarted() {
  return (
    <div className={controls.trainStatus} data-testid="train-status">
      <dl className={controls.statusGrid}>
        <div>
          <dt>status</dt>
          <dd data-testid="status-value" data-status="idle">
            not started
          </dd>
        </div>
        <div>
          <dt>step</dt>
          <dd data-testid="status-step">0</dd>
        </div>
      </dl>
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
