/**
 * The Dynamics figures about the Train section's run: λ₁ across training (computed in the
 * training worker), and the spectrum and gradient reach of its latest weights (computed in the
 * dynamics worker while the figure is on screen). Each is an embed target; embedded alone it
 * carries the run bar so it can be brought to life inside an iframe.
 */
import { memo, useMemo, useRef } from 'react';
import { LyapunovTrainingChart } from '../../charts/dynamics/LyapunovTrainingChart';
import { GradientReachChart } from '../../charts/dynamics/GradientReachChart';
import { SpectrumChart } from '../../charts/dynamics/SpectrumChart';
import { fmtBits } from '../../charts/dynamics/format';
import { runStore } from '../../state/runStore';
import type { RunView } from '../../state/runTypes';
import { csvSettings } from '../train/csvSettings';
import { useTrainEntry } from '../train/trainRun';
import { useRunValue } from '../useRun';
import { LYAPUNOV_EVERY_MS } from '../../engine/analysisCadence';
import { flowJob, spectrumJob } from './jobs';
import { JobStatus } from './JobStatus';
import { RunBar } from './RunBar';
import { useFollowedJob } from './useFollowedJob';
import { isGammaRun, useDynamicsRun } from './useDynamicsRun';
import { useVisible } from './useVisible';
import dyn from '../../charts/dynamics/dynamics.module.css';
import slot from '../../app/figureSlot.module.css';

interface Embeddable {
  /** Show the run bar above the figure (default: yes, for an embed). */
  controls?: boolean;
}

const NO_FRAMES: never[] = [];
/** The newest estimate: a stored frame, so the figure re-renders only when one arrives. */
const lastLyapunovOf = (v: RunView | null) => v?.analyses.lyapunov.at(-1) ?? null;

/** "halves every 14 steps" / "doubles every 3 steps" for a rate in bits per step. */
function halving(bits: number): string {
  if (!Number.isFinite(bits) || Math.abs(bits) < 1e-3) return 'neither grows nor shrinks on average';
  const every = 1 / Math.abs(bits);
  const n = every < 10 ? every.toFixed(1) : String(Math.round(every));
  return bits > 0 ? `doubles about every ${n} steps` : `halves about every ${n} steps`;
}

export const LyapunovFigure = memo(function LyapunovFigure({ controls = true }: Embeddable) {
  const ref = useRef<HTMLElement>(null);
  const visible = useVisible(ref);
  const entry = useTrainEntry();
  const runId = entry?.runId ?? null;
  const newest = useRunValue(runId, lastLyapunovOf, { hz: 2, active: visible, name: 'lyapunov' });
  // Every estimate so far, read when a new one has arrived.
  const frames = useMemo(() => (runId && newest ? runStore().run(runId).view().analyses.lyapunov : NO_FRAMES), [runId, newest]);
  const points = useMemo(() => frames.map((f) => ({ step: f.step, bits: f.value.bits, ms: f.value.ms })), [frames]);
  const last = frames[frames.length - 1];
  const msMean = frames.length ? frames.reduce((a, f) => a + f.value.ms, 0) / frames.length : 0;
  return (
    <figure className={slot.figure} data-testid="figure-lyapunov" ref={ref}>
      {controls && <RunBar />}
      <LyapunovTrainingChart
        points={points}
        emptyNote={entry ? 'the first estimate comes with the first test evaluation' : 'no run yet: train the network'}
        settings={csvSettings(entry?.config, last?.step)}
        caption={
          <>
            <p>
              The largest Lyapunov exponent λ₁ of the network run without input, h ← γ(h·V + b), from its current weights,
              in bits per step: a small difference between two states is multiplied by 2<sup>λ₁</sup> at each step. Estimated in the
              training worker every {LYAPUNOV_EVERY_MS / 1000} s of training (QR method, {last ? `${last.value.steps} steps averaged after ${last.value.burnIn}` : 'a few hundred steps averaged'}; the same start
              every time, so changes come from the weights). λ₂ and λ₃ are the faint lines.
              {frames.length > 0 && (
                <>
                  {' '}
                  Each estimate took {msMean < 10 ? msMean.toFixed(1) : Math.round(msMean)} ms of the worker’s time on average: at most{' '}
                  {((100 * msMean) / LYAPUNOV_EVERY_MS).toFixed(1)} % of training.
                </>
              )}
            </p>
            {last && !last.value.error && (
              <p data-testid="lyapunov-words">
                Now a small difference {halving(last.value.bits[0])} ({fmtBits(last.value.bits[0])} bits per step at step {last.step}).
              </p>
            )}
            {last?.value.error && <p className={dyn.dynError}>No estimate at step {last.step}: {last.value.error}.</p>}
          </>
        }
      />
    </figure>
  );
});

export const SpectrumFigure = memo(function SpectrumFigure({ controls = true }: Embeddable) {
  const ref = useRef<HTMLElement>(null);
  const visible = useVisible(ref);
  const run = useDynamicsRun(visible, 'spectrum');
  const job = useFollowedJob(run.runId, isGammaRun(run.entry) ? run.weights : null, visible, run.status === 'running', spectrumJob);
  // A new computation replaces the shown one only when done, unless there is none yet to show.
  const shown = job.result ?? job.running?.progress ?? null;
  const progress = job.running?.progress;
  return (
    <figure className={slot.figure} data-testid="figure-spectrum" ref={ref}>
      {controls && <RunBar />}
      <SpectrumChart
        bits={job.result?.bits ?? null}
        trace={shown}
        total={shown?.total ?? 1}
        settings={csvSettings(run.entry?.config, job.of?.step)}
        status={
          <JobStatus
            run={run}
            what="the spectrum"
            ofStep={job.result ? (job.of?.step ?? null) : null}
            error={job.error}
            running={job.running && { step: job.running.of.step, text: progress ? `${Math.round((100 * (progress.steps[progress.steps.length - 1] ?? 0)) / progress.total)} %` : null }}
            detail={job.result && ` (${job.result.bits.length} exponents, ${job.result.total} steps averaged after ${job.result.burnIn})`}
          />
        }
        caption={
          <p>
            All the Lyapunov exponents (up to 64) of the network run without input, from the run’s latest weights, computed in a
            background worker. Positive exponents count the directions in which nearby states separate; their number and the sum
            of all exponents (how fast a small volume of states shrinks, in bits per step) describe the dynamics more fully than λ₁.
            Right: the running estimates of λ₁, λ₂, λ₃ as more steps are averaged; flat lines mean the averages have converged.
          </p>
        }
      />
    </figure>
  );
});

export const GradientsFigure = memo(function GradientsFigure({ controls = true }: Embeddable) {
  const ref = useRef<HTMLElement>(null);
  const visible = useVisible(ref);
  const run = useDynamicsRun(visible, 'gradients');
  const job = useFollowedJob(run.runId, isGammaRun(run.entry) ? run.driven : null, visible, run.status === 'running', flowJob);
  const p = job.running?.progress;
  return (
    <figure className={slot.figure} data-testid="figure-gradients" ref={ref}>
      {controls && <RunBar />}
      <GradientReachChart
        flow={job.result}
        settings={csvSettings(run.entry?.config, job.of?.weights.step)}
        status={
          <JobStatus
            run={run}
            what="the gradient reach"
            ofStep={job.result ? (job.of?.weights.step ?? null) : null}
            error={job.error}
            running={job.running && { step: job.running.of.weights.step, text: p ? `${p.done} of ${p.total} probe sequences` : null }}
            waitingFor={run.weights && !run.driven ? 'the run’s probe sequences' : null}
            detail={job.result && `, on ${job.result.probes} of the task’s probe sequences`}
          />
        }
        caption={
          <p>
            Training by backpropagation through time multiplies an error signal by one step Jacobian diag(γ′(a<sub>t</sub>))·Vᵀ
            per step back. Here: the size of that product, ‖∂h<sub>T</sub>/∂h<sub>t</sub>‖ (root-mean-square singular value, i.e.
            the gain of a random error direction), against how many steps back it reaches, on the run’s probe sequences with its
            latest weights. Flat near 1: errors reach far back, long memories can be learned; falling: gradients vanish; rising:
            they explode. The dotted line is what the mean one-step norm alone would give.
          </p>
        }
      />
    </figure>
  );
});
