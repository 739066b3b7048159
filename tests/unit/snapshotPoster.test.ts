/**
 * Snapshots reach the page at most every SNAPSHOT_MIN_MS: a flush that comes too soon is deferred
 * to the end of the interval (not dropped), an immediate flush (before a status change) is not.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SNAPSHOT_MIN_MS, SnapshotPoster, type SnapshotBase } from '../../src/engine/snapshot';

let t = 0;
beforeEach(() => {
  vi.useFakeTimers();
  t = 0;
});
afterEach(() => vi.useRealTimers());

const base = (): SnapshotBase => ({ runId: 'r', step: 0, n: new Float32Array(1), s: new Float32Array(1), stepsPerSec: 0, backend: 'cpu', tensors: 0, lr: 0.01 });
const advance = (ms: number) => {
  t += ms;
  vi.advanceTimersByTime(ms);
};

describe('the snapshot poster', () => {
  it('posts at most every SNAPSHOT_MIN_MS, defers a flush that comes too soon, and loses no step', () => {
    const posted: { at: number; steps: number[] }[] = [];
    const poster = new SnapshotPoster(() => t, (snap) => posted.push({ at: t, steps: [...snap.steps] }));
    let step = 0;
    for (let k = 0; k < 100; k++) {
      poster.buffer.push(step, 1, 0);
      step++;
      poster.flush(base);
      advance(7);
    }
    advance(SNAPSHOT_MIN_MS);
    for (let i = 1; i < posted.length; i++) expect(posted[i].at - posted[i - 1].at).toBeGreaterThanOrEqual(SNAPSHOT_MIN_MS);
    expect(posted.length).toBeGreaterThanOrEqual(6);
    expect(posted.flatMap((p) => p.steps)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('an immediate flush posts at once', () => {
    const posted: number[] = [];
    const poster = new SnapshotPoster(() => t, () => posted.push(t));
    poster.buffer.push(0, 1, 0);
    poster.flush(base);
    advance(10);
    poster.buffer.push(1, 1, 0);
    poster.flush(base, true);
    expect(posted).toEqual([0, 10]);
  });
});
