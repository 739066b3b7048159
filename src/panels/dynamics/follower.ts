/**
 * Keeps one analysis up to date with a moving input (a run's latest weights) without piling up
 * work: one job at a time; a new input waits for the job in flight and then for `minGapMs` after
 * the previous start (a training run sends weights every few seconds; analysing each would keep
 * the dynamics worker busy); nothing runs while inactive (the figure off screen), and a job in
 * flight is cancelled then. The last result stays until a newer one replaces it.
 * Framework-free: a React hook subscribes to it (useFollowedJob.ts).
 */
import type { DynamicsJob } from '../../engine/dynamicsClient';

export interface FollowerState<I, R, P> {
  result: R | null;
  /** The input the result (or the error) is of. */
  of: I | null;
  /** The job in flight, with its input and latest progress. */
  running: { of: I; progress: P | null } | null;
  error: string | null;
}

export interface Follower<I, R, P> {
  /**
   * The newest input (null: none yet) and whether computing is wanted now. With a gap, a start
   * also waits `busyFactor` times as long as the previous job took (0 or less: no limit), so the
   * worker's share spent on this analysis stays under about 1/(busyFactor + 1) on any machine.
   */
  update(input: I | null, active: boolean, minGapMs: number, busyFactor?: number): void;
  get(): FollowerState<I, R, P>;
  subscribe(fn: () => void): () => void;
  /** Cancels the job in flight and any timer; the follower does nothing more. */
  dispose(): void;
}

export interface FollowerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: FollowerClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function createFollower<I, R, P>(start: (input: I, onProgress: (p: P) => void) => DynamicsJob<R>, clock: FollowerClock = realClock): Follower<I, R, P> {
  let state: FollowerState<I, R, P> = { result: null, of: null, running: null, error: null };
  let input: I | null = null;
  let active = false;
  let minGap = 0;
  let busyFactor = 0;
  /** How long the last finished job took. */
  let lastMs = 0;
  let job: { of: I; job: DynamicsJob<R> } | null = null;
  /** Last input a job finished on (with a result or an error). */
  let tried: I | null = null;
  let lastStart = -Infinity;
  let timer: unknown = null;
  let disposed = false;
  const listeners = new Set<() => void>();

  const set = (patch: Partial<FollowerState<I, R, P>>) => {
    state = { ...state, ...patch };
    for (const fn of [...listeners]) fn();
  };
  const clearTimer = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };

  function pump(): void {
    if (disposed) return;
    if (!active) {
      clearTimer();
      if (job) {
        const j = job.job;
        job = null;
        j.cancel();
        set({ running: null });
      }
      return;
    }
    if (job || input === null || input === tried) return;
    const gap = minGap > 0 ? Math.max(minGap, busyFactor * lastMs) : 0;
    const wait = lastStart + gap - clock.now();
    if (wait > 0) {
      timer ??= clock.setTimeout(() => {
        timer = null;
        pump();
      }, wait);
      return;
    }
    clearTimer();
    lastStart = clock.now();
    const of = input;
    const j = start(of, (p) => {
      if (job?.job === j) set({ running: { of, progress: p } });
    });
    job = { of, job: j };
    set({ running: { of, progress: null } });
    const finish = (patch: Partial<FollowerState<I, R, P>>) => {
      // Cancelled (inactive, disposed) or superseded: its outcome is no longer wanted.
      if (job?.job !== j) return;
      job = null;
      tried = of;
      lastMs = clock.now() - lastStart;
      set({ running: null, of, ...patch });
      pump();
    };
    j.done.then(
      (r) => (r === null ? undefined : finish({ result: r, error: null })),
      (e: unknown) => finish({ error: e instanceof Error ? e.message : String(e) }),
    );
  }

  return {
    update(next, isActive, gapMs, factor = 0) {
      input = next;
      active = isActive;
      minGap = gapMs;
      busyFactor = factor;
      // A shorter gap (the run paused) may make a waiting input due now.
      clearTimer();
      pump();
    },
    get: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    dispose() {
      active = false;
      pump();
      disposed = true;
      listeners.clear();
    },
  };
}
