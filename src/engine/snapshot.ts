/**
 * What accumulates between two snapshots, and the packing of a snapshot into transferable typed
 * arrays (the page receives them without a copy).
 */
import { analysisBuffers } from './analyses';
import type { AnalysisBatch, Snapshot, TestPoint } from './protocol';

/** Snapshots are posted at most this often. */
export const SNAPSHOT_MIN_MS = 100;

/** The fields of a snapshot that describe the run now (the rest is what accumulated since the last). */
export type SnapshotBase = Pick<Snapshot, 'runId' | 'step' | 'n' | 's' | 'stepsPerSec' | 'backend' | 'tensors' | 'lr'>;

export class SnapshotBuffer {
  private steps: number[] = [];
  private losses: number[] = [];
  private accs: number[] = [];
  private tests: TestPoint[] = [];
  private analyses: AnalysisBatch = {};

  push(step: number, loss: number, acc: number): void {
    this.steps.push(step);
    this.losses.push(loss);
    this.accs.push(acc);
  }

  /** Highest step ever pushed: steps redone after a fallback to an older checkpoint are not posted twice. */
  private highest = -1;

  /** Pushes steps first … first+count−1, skipping those already posted. */
  pushSteps(first: number, losses: ArrayLike<number>, accs: ArrayLike<number>, count: number): void {
    for (let i = 0; i < count; i++) {
      if (first + i <= this.highest) continue;
      this.push(first + i, losses[i], accs[i]);
      this.highest = first + i;
    }
  }

  /** Empties the buffer and forgets which steps were posted (a reset starts the run over). */
  restart(): void {
    this.clear();
    this.highest = -1;
  }

  addTest(point: TestPoint): void {
    this.tests.push(point);
  }

  /** Newer results replace older ones of the same analysis not yet posted. */
  addAnalyses(batch: AnalysisBatch): void {
    this.analyses = { ...this.analyses, ...batch };
  }

  get pending(): boolean {
    return this.steps.length > 0 || this.tests.length > 0 || Object.keys(this.analyses).length > 0;
  }

  clear(): void {
    this.steps = [];
    this.losses = [];
    this.accs = [];
    this.tests = [];
    this.analyses = {};
  }

  take(base: SnapshotBase): { snapshot: Snapshot; transfer: ArrayBuffer[] } {
    const snapshot: Snapshot = {
      ...base,
      steps: Int32Array.from(this.steps),
      losses: Float32Array.from(this.losses),
      accs: Float32Array.from(this.accs),
      tests: this.tests,
      analyses: this.analyses,
    };
    const arrays: ArrayBufferView[] = [snapshot.steps, snapshot.losses, snapshot.accs, base.n, base.s, ...analysisBuffers(this.analyses)];
    // Every array here owns its buffer (made for this snapshot), so moving it loses nothing.
    const transfer = [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
    this.clear();
    return { snapshot, transfer };
  }
}

/** Steps per second over the last few seconds of running (restarted on every play). */
export class RateMeter {
  private samples: { t: number; total: number }[] = [];
  private total = 0;

  constructor(private readonly windowMs = 3000) {}

  /** The clock starts (again) at `t`: time spent paused does not count. */
  start(t: number): void {
    this.total = 0;
    this.samples = [{ t, total: 0 }];
  }

  /** `steps` more steps were finished at time `t`. */
  add(t: number, steps: number): void {
    if (this.samples.length === 0) this.start(t);
    this.total += steps;
    this.samples.push({ t, total: this.total });
    while (this.samples.length > 2 && t - this.samples[1].t >= this.windowMs) this.samples.shift();
  }

  rate(): number {
    if (this.samples.length < 2) return 0;
    const a = this.samples[0];
    const b = this.samples[this.samples.length - 1];
    return b.t > a.t ? ((b.total - a.total) * 1000) / (b.t - a.t) : 0;
  }
}

/**
 * Posts what the buffer holds, never more often than every SNAPSHOT_MIN_MS: a flush that comes
 * too soon is deferred to the end of the interval instead of dropped. An immediate flush (before a
 * status change) skips the wait, so the page has every step up to the one the status names.
 */
export class SnapshotPoster {
  readonly buffer = new SnapshotBuffer();
  /** Something besides steps changed (learning rate, weights restored): post even without steps. */
  dirty = false;
  private last = -Infinity;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly now: () => number,
    private readonly post: (snapshot: Snapshot, transfer: ArrayBuffer[]) => void,
  ) {}

  flush(base: () => SnapshotBase, immediate = false): void {
    if (!this.buffer.pending && !this.dirty) return;
    const wait = this.last + SNAPSHOT_MIN_MS - this.now();
    if (immediate) this.cancel();
    else if (wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.flush(base);
      }, wait);
      return;
    }
    this.last = this.now();
    this.dirty = false;
    const { snapshot, transfer } = this.buffer.take(base());
    this.post(snapshot, transfer);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
