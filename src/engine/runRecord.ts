/**
 * What the page's worker client remembers of each run, and how each message from the worker
 * updates it: the latest checkpoint, the status (a restarted worker's 'idle' replaced by the
 * status the run had), and the steps already delivered (a resent snapshot is trimmed to the new ones).
 */
import type { Checkpoint, RunConfig, RunStatus, WorkerMessage } from './protocol';
import { trimSnapshot } from './trimSnapshot';

export interface RunRecord {
  config: RunConfig;
  lockstep?: string;
  /** The step a play command stops at (a comparison's budget). */
  until?: number;
  checkpoint?: Checkpoint;
  playing: boolean;
  status: RunStatus;
  /** A snapshot arrived since the run was (re)configured. */
  warm: boolean;
  msPerStep: number;
  lastStep: number;
  lastTestStep: number;
  /** Restarts in a row after which this run had still not finished a new step. */
  stalls: number;
  /** The run's last step when the worker was last restarted. */
  stepAtRestart: number;
  /** After a restart, steps up to these were already delivered and are dropped. */
  floorStep: number;
  floorTest: number;
  /**
   * Set from a restart until the fresh worker has rebuilt the run: its status then ('idle', as
   * any new run) is replaced by the status the run had, so the page never shows a false 'idle'.
   */
  restoring?: { status: RunStatus; reason?: string };
}

/** Updates the run the message concerns; returns the message as the page should see it. */
export function trackMessage(runs: ReadonlyMap<string, RunRecord>, msg: WorkerMessage): WorkerMessage {
  const r = runs.get(msg.runId);
  if (!r) return msg;
  switch (msg.type) {
    case 'checkpoint':
      r.checkpoint = msg.checkpoint;
      break;
    case 'status': {
      const restored = r.restoring && msg.status === 'idle' ? { ...msg, ...r.restoring } : msg;
      if (msg.status !== 'idle') r.restoring = undefined;
      r.status = restored.status;
      r.playing = restored.status === 'running';
      return restored;
    }
    case 'ready':
      r.restoring = undefined;
      break;
    case 'snapshot': {
      const s = trimSnapshot(msg.snapshot, r.floorStep, r.floorTest);
      r.warm = true;
      if (s.stepsPerSec > 0) r.msPerStep = 1000 / s.stepsPerSec;
      if (s.steps.length) r.lastStep = s.steps[s.steps.length - 1];
      for (const p of s.tests) r.lastTestStep = Math.max(r.lastTestStep, p.step);
      return s === msg.snapshot ? msg : { ...msg, snapshot: s };
    }
  }
  return msg;
}
