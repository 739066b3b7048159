/**
 * The follower that keeps a Dynamics figure's analysis up to date with a run's latest weights:
 * one job at a time, a minimum gap between starts, nothing while off screen, results kept.
 */
import { describe, expect, it } from 'vitest';
import type { DynamicsJob } from '../../src/engine/dynamicsClient';
import { createFollower, type FollowerClock } from '../../src/panels/dynamics/follower';

/** Jobs the test finishes by hand. */
function jobs() {
  const started: { input: string; progress: (p: number) => void; resolve: (r: string | null) => void; reject: (e: Error) => void; cancelled: boolean }[] = [];
  const start = (input: string, progress: (p: number) => void): DynamicsJob<string> => {
    let resolve!: (r: string | null) => void;
    let reject!: (e: Error) => void;
    const done = new Promise<string | null>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    const rec = { input, progress, resolve, reject, cancelled: false };
    started.push(rec);
    return {
      done,
      cancel() {
        rec.cancelled = true;
        resolve(null);
      },
    };
  };
  return { started, start };
}

function fakeClock() {
  let t = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const clock: FollowerClock = {
    now: () => t,
    setTimeout(fn, ms) {
      const id = ++ids;
      timers.push({ at: t + ms, fn, id });
      return id;
    },
    clearTimeout(h) {
      const i = timers.findIndex((x) => x.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    t += ms;
    for (const x of timers.filter((x) => x.at <= t)) {
      timers.splice(timers.indexOf(x), 1);
      x.fn();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

const tick = () => new Promise((ok) => setTimeout(ok, 0));

describe('follower', () => {
  it('runs one job at a time and then the newest input, not every one in between', async () => {
    const { started, start } = jobs();
    const { clock } = fakeClock();
    const f = createFollower<string, string, number>(start, clock);
    f.update('w1', true, 0);
    expect(started.map((s) => s.input)).toEqual(['w1']);
    expect(f.get().running?.of).toBe('w1');
    started[0].progress(0.5);
    expect(f.get().running?.progress).toBe(0.5);
    f.update('w2', true, 0);
    f.update('w3', true, 0);
    expect(started).toHaveLength(1);
    started[0].resolve('r1');
    await tick();
    expect(f.get()).toMatchObject({ result: 'r1', of: 'w1', error: null });
    expect(started.map((s) => s.input)).toEqual(['w1', 'w3']);
    started[1].resolve('r3');
    await tick();
    expect(f.get()).toMatchObject({ result: 'r3', of: 'w3', running: null });
    // The same input again: nothing to do.
    f.update('w3', true, 0);
    expect(started).toHaveLength(2);
  });

  it('waits minGapMs between starts, and starts at once when the gap shrinks', async () => {
    const { started, start } = jobs();
    const { clock, advance } = fakeClock();
    const f = createFollower<string, string, number>(start, clock);
    f.update('w1', true, 8000);
    started[0].resolve('r1');
    await tick();
    f.update('w2', true, 8000);
    expect(started).toHaveLength(1);
    advance(7000);
    expect(started).toHaveLength(1);
    advance(1000);
    expect(started.map((s) => s.input)).toEqual(['w1', 'w2']);
    started[1].resolve('r2');
    await tick();
    f.update('w3', true, 8000);
    expect(started).toHaveLength(2);
    // The run paused: its final weights are analysed without waiting.
    f.update('w3', true, 0);
    expect(started.map((s) => s.input)).toEqual(['w1', 'w2', 'w3']);
  });

  it('with a busy factor, waits that many times as long as the last job took', async () => {
    const { started, start } = jobs();
    const { clock, advance } = fakeClock();
    const f = createFollower<string, string, number>(start, clock);
    f.update('w1', true, 1000, 9);
    advance(3000);
    started[0].resolve('r1');
    await tick();
    // The job took 3 s: the next may start 27 s after it started, not 1 s.
    f.update('w2', true, 1000, 9);
    advance(20_000);
    expect(started).toHaveLength(1);
    advance(4000);
    expect(started.map((s) => s.input)).toEqual(['w1', 'w2']);
    started[1].resolve('r2');
    await tick();
    // Without a gap (the run stopped), no waiting at all.
    f.update('w3', true, 0, 9);
    expect(started).toHaveLength(3);
  });

  it('cancels while inactive, keeps the result, and resumes on the newest input', async () => {
    const { started, start } = jobs();
    const { clock } = fakeClock();
    const f = createFollower<string, string, number>(start, clock);
    f.update('w1', true, 0);
    started[0].resolve('r1');
    await tick();
    f.update('w2', true, 0);
    f.update('w2', false, 0);
    expect(started[1].cancelled).toBe(true);
    await tick();
    expect(f.get()).toMatchObject({ result: 'r1', of: 'w1', running: null });
    f.update('w3', false, 0);
    expect(started).toHaveLength(2);
    f.update('w3', true, 0);
    expect(started.map((s) => s.input)).toEqual(['w1', 'w2', 'w3']);
  });

  it('reports a failure once, without retrying the same input', async () => {
    const { started, start } = jobs();
    const { clock } = fakeClock();
    const f = createFollower<string, string, number>(start, clock);
    const seen: number[] = [];
    f.subscribe(() => seen.push(1));
    f.update('w1', true, 0);
    started[0].reject(new Error('x has 3 values'));
    await tick();
    expect(f.get()).toMatchObject({ error: 'x has 3 values', of: 'w1', result: null, running: null });
    f.update('w1', true, 0);
    expect(started).toHaveLength(1);
    expect(seen.length).toBeGreaterThan(1);
    f.dispose();
    f.update('w2', true, 0);
    expect(started).toHaveLength(1);
  });
});
