/**
 * The page's handle on the training worker: typed commands in, typed messages out. It restarts a
 * worker that crashed (an 'error' event, or silence while a run is playing: a heartbeat gets no
 * answer), re-sends each run's last configuration with its latest checkpoint and its play state,
 * and tells subscribers what happened. Step numbers seen by subscribers only ever go up, and a
 * run's status stays what it was across a restart (the fresh worker's 'idle' is not passed on).
 *
 * A worker inside one long step cannot answer pings: before blocking it says how long it expects
 * to be busy ('__busy'), and silence within a multiple of that is not a hang. A run that gets no
 * step done across repeated restarts is stopped with a reason instead of being restarted forever.
 */
import { isWorkerControl, type ClientControl, type FaultKind } from './internal';
import type { Checkpoint, Command, RunStatus, WorkerMessage } from './protocol';
import { trackMessage, type RunRecord } from './runRecord';

export interface TrainerClient {
  send(cmd: Command): void;
  subscribe(fn: (msg: WorkerMessage) => void): () => void;
  readonly restarts: number;
  /** Terminates the worker as a crash would (tests, a "simulate crash" debug control). */
  crash(): void;
  /** Makes the worker's next training step fail as `kind` would (tests, the diagnostics page). */
  injectFault(kind: FaultKind): void;
  /** The run's latest checkpoint (weights and Adam's state), on the worker's step axis. */
  checkpoint(runId: string): Checkpoint | undefined;
  terminate(): void;
}

export interface TrainerClientOptions {
  createWorker?: () => Worker;
  /** Where the site's files (data/…) live; defaults to the page's base URL. */
  baseUrl?: string;
  heartbeatMs?: number;
  /** Silence that counts as a hang while a run plays. */
  silenceMs?: number;
  /** Allowed silence before a run's first snapshot (backend choice and shader compiles). */
  warmupSilenceMs?: number;
}

/** More crashes than this within the window and the client gives up. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 60_000;
/** Restarts without a single new step after which a run is stopped rather than restarted again. */
export const MAX_STALLED_RESTARTS = 2;
/** Silence allowed after '__busy', as a multiple of the time the worker said it would take. */
const BUSY_FACTOR = 3;

function defaultWorker(): Worker {
  return new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
}

export function createTrainerClient(opts: TrainerClientOptions = {}): TrainerClient {
  const make = opts.createWorker ?? defaultWorker;
  const heartbeatMs = opts.heartbeatMs ?? 2000;
  const silenceMs = opts.silenceMs ?? 10_000;
  const warmupSilenceMs = opts.warmupSilenceMs ?? 60_000;
  const baseUrl = opts.baseUrl ?? (typeof document !== 'undefined' ? new URL('./', document.baseURI).href : '');
  const listeners = new Set<(msg: WorkerMessage) => void>();
  const runs = new Map<string, RunRecord>();
  let queued: Command[] = [];
  let restarting = false;
  let restarts = 0;
  let terminated = false;
  let lastHeard = Date.now();
  /** Until when the worker said it would be busy (times BUSY_FACTOR). */
  let busyUntil = 0;
  let pingId = 0;
  let crashTimes: number[] = [];
  let worker: Worker;

  const emit = (msg: WorkerMessage) => {
    for (const fn of listeners) fn(msg);
  };

  const post = (msg: Command | ClientControl) => worker.postMessage(msg);

  const spawn = () => {
    worker = make();
    lastHeard = Date.now();
    worker.onmessage = (e: MessageEvent<WorkerMessage | unknown>) => {
      lastHeard = Date.now();
      if (isWorkerControl(e.data)) {
        if (e.data.type === '__busy') busyUntil = Math.max(busyUntil, lastHeard + BUSY_FACTOR * e.data.ms);
        return;
      }
      emit(trackMessage(runs, e.data as WorkerMessage));
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      recover(`crashed (${e.message || 'uncaught error'})`);
    };
    post({ type: '__hello', baseUrl });
  };

  const recover = (why: string) => {
    if (restarting || terminated) return;
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    const t = Date.now();
    crashTimes = crashTimes.filter((c) => t - c < CRASH_WINDOW_MS).concat(t);
    if (crashTimes.length > MAX_CRASHES) {
      // A worker that dies again right after each restart will not get better by restarting.
      terminated = true;
      clearInterval(heartbeat);
      for (const [runId, r] of runs) {
        emit({ type: 'status', runId, status: 'failed', step: r.checkpoint?.step ?? 0, reason: `the training worker ${why}, ${MAX_CRASHES + 1} times within a minute; not restarting it again — reload the page to retry` });
      }
      return;
    }
    restarting = true;
    restarts++;
    busyUntil = 0;
    // A short pause lets a burst of commands gather in the queue instead of racing the restart.
    setTimeout(() => {
      if (terminated) return;
      spawn();
      for (const [runId, r] of runs) {
        const step = r.checkpoint?.step ?? 0;
        r.stalls = r.lastStep > r.stepAtRestart ? 1 : r.stalls + 1;
        r.stepAtRestart = r.lastStep;
        if (r.stalls > MAX_STALLED_RESTARTS) {
          // The worker died again before this run finished one more step: restarting it once more
          // would only repeat that. Stop it and say why; other runs go on.
          runs.delete(runId);
          const reason = `the training worker failed ${r.stalls} times in a row before this run finished another step (last time it ${why}); the run was stopped at step ${step} rather than restarted again — this setting may be too large for this machine: lower the batch, the hidden units or the sequence length`;
          emit({ type: 'status', runId, status: 'failed', step, reason });
          continue;
        }
        r.floorStep = r.lastStep;
        r.floorTest = r.lastTestStep;
        r.warm = false;
        const configure: Command = { type: 'configure', runId, config: r.config };
        if (r.checkpoint) configure.restore = r.checkpoint;
        if (r.lockstep) configure.lockstep = r.lockstep;
        post(configure);
        if (r.playing) post(r.until === undefined ? { type: 'play', runId } : { type: 'play', runId, until: r.until });
        const reason = `the training worker ${why} and was restarted at step ${step}; history kept`;
        // A run that had started is not 'idle' again: with no play pending it is paused.
        const status: RunStatus = r.playing ? 'running' : r.status === 'running' || (r.status === 'idle' && step > 0) ? 'paused' : r.status;
        r.restoring = { status, reason };
        emit({ type: 'restarted', runId, step, reason });
        emit({ type: 'status', runId, status, step, reason });
      }
      restarting = false;
      const pending = queued;
      queued = [];
      for (const cmd of pending) send(cmd);
    }, 100);
  };

  const remember = (cmd: Command) => {
    const r = runs.get(cmd.runId);
    switch (cmd.type) {
      case 'configure':
        runs.set(cmd.runId, {
          config: { ...cmd.config },
          lockstep: cmd.lockstep,
          checkpoint: cmd.restore,
          playing: false,
          status: 'idle',
          warm: false,
          msPerStep: 0,
          lastStep: cmd.restore ? cmd.restore.step - 1 : -1,
          stalls: 0,
          stepAtRestart: cmd.restore ? cmd.restore.step - 1 : -1,
          lastTestStep: -1,
          floorStep: -1,
          floorTest: -1,
          // A run built from weights past step 0 (a loaded run) is paused there, not 'idle'.
          restoring: cmd.restore && cmd.restore.step > 0 ? { status: 'paused' } : undefined,
        });
        return;
      case 'dispose':
        runs.delete(cmd.runId);
        return;
    }
    if (!r) return;
    if (cmd.type === 'play') {
      r.playing = true;
      r.until = cmd.until;
    }
    else if (cmd.type === 'pause') r.playing = false;
    else if (cmd.type === 'setLr') r.config.lr = cmd.lr;
    else if (cmd.type === 'setSpeed') r.config.speed = cmd.speed;
    else if (cmd.type === 'reset') {
      r.playing = false;
      r.checkpoint = undefined;
      r.lastStep = r.lastTestStep = r.floorStep = r.floorTest = r.stepAtRestart = -1;
      r.stalls = 0;
    }
  };

  const send = (cmd: Command) => {
    if (terminated) return;
    if (restarting) {
      queued.push(cmd);
      return;
    }
    remember(cmd);
    post(cmd);
  };

  const heartbeat = setInterval(() => {
    if (restarting || terminated) return;
    const playing = [...runs.values()].filter((r) => r.playing);
    if (playing.length === 0) {
      lastHeard = Date.now();
      return;
    }
    post({ type: '__ping', id: ++pingId });
    const allowed = Math.max(
      silenceMs,
      ...playing.map((r) => (r.warm ? 4 * r.msPerStep : warmupSilenceMs)),
    );
    const t = Date.now();
    if (t - lastHeard > allowed && t > busyUntil) recover(`stopped answering for ${Math.round((t - lastHeard) / 1000)} s`);
  }, heartbeatMs);

  spawn();

  return {
    send,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    get restarts() {
      return restarts;
    },
    crash() {
      recover('was terminated (simulated crash)');
    },
    injectFault(kind) {
      if (!restarting && !terminated) post({ type: '__fault', kind });
    },
    checkpoint: (runId) => runs.get(runId)?.checkpoint,
    terminate() {
      terminated = true;
      clearInterval(heartbeat);
      worker.terminate();
      listeners.clear();
    },
  };
}
