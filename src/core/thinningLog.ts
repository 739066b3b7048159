/**
 * `ThinningLog<T>`: a list of snapshots (frames) covering the whole run at a resolution that halves
 * when it fills up (keeps the first frame, drops every other one, doubles the stride).
 */

/** A frame of a ThinningLog: the step it was taken at and its payload. */
export interface Frame<T> {
  step: number;
  value: T;
}

/**
 * Frames over the whole run at a bounded count: when full, every other frame is dropped (the
 * first always stays) and only every `stride`-th offered frame is kept from then on.
 */
export class ThinningLog<T> {
  readonly capacity: number;
  private frames: Frame<T>[] = [];
  private stride = 1;
  private offered = 0;
  private newest: Frame<T> | null = null;

  constructor(capacity: number) {
    if (capacity < 2) throw new Error('ThinningLog needs a capacity of at least 2');
    this.capacity = capacity;
  }

  /** Offers a frame; the newest one is always remembered, kept ones are thinned. */
  offer(step: number, value: T): void {
    const keep = this.offered % this.stride === 0;
    this.offered++;
    if (!keep) {
      // The newest state is still remembered so "live" always shows the present.
      this.newest = { step, value };
      return;
    }
    if (this.frames.length >= this.capacity) {
      this.frames = this.frames.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
      // Re-align so the next kept frame continues the thinned spacing.
      this.offered = 1;
      this.newest = { step, value };
      return;
    }
    const f = { step, value };
    this.frames.push(f);
    this.newest = f;
  }

  /** Kept frames, oldest first, plus the newest one if it was not kept. */
  all(): Frame<T>[] {
    const last = this.frames[this.frames.length - 1];
    if (this.newest && this.newest !== last) return [...this.frames, this.newest];
    return this.frames.slice();
  }

  get size(): number {
    return this.frames.length + (this.newest && this.newest !== this.frames[this.frames.length - 1] ? 1 : 0);
  }

  latest(): Frame<T> | null {
    return this.newest;
  }

  /** The last frame taken at or before `step` (the first frame when `step` precedes them all). */
  at(step: number): Frame<T> | null {
    return frameAt(this.all(), step);
  }

  clear(): void {
    this.frames = [];
    this.stride = 1;
    this.offered = 0;
    this.newest = null;
  }

  /** The kept frames and the thinning counters (values are shared, not copied: they are immutable). */
  state(): LogState<T> {
    const last = this.frames[this.frames.length - 1];
    return { stride: this.stride, offered: this.offered, frames: this.frames.slice(), newest: this.newest && this.newest !== last ? this.newest : null };
  }

  /** Replaces the contents with a saved state (at most `capacity` frames, in step order). */
  load(st: LogState<T>): void {
    if (st.frames.length > this.capacity) throw new Error(`a saved log of ${st.frames.length} frames exceeds this log's ${this.capacity}`);
    this.frames = st.frames.slice();
    this.stride = st.stride;
    this.offered = st.offered;
    this.newest = st.newest ?? this.frames[this.frames.length - 1] ?? null;
  }
}

/** A ThinningLog's contents; `newest` only when it is not the last kept frame. */
export interface LogState<T> {
  stride: number;
  offered: number;
  frames: Frame<T>[];
  newest: Frame<T> | null;
}

/** The last of `frames` (in step order) taken at or before `step`; the first when `step` precedes them all. */
export function frameAt<T>(frames: readonly Frame<T>[], step: number): Frame<T> | null {
  if (!frames.length) return null;
  let lo = 0;
  let hi = frames.length - 1;
  if (step >= frames[hi].step) return frames[hi];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frames[mid].step <= step) lo = mid;
    else hi = mid - 1;
  }
  return frames[lo];
}
