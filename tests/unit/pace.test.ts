/**
 * How fast a run may step, on a clock the test drives: the speed cap (a token bucket that never
 * saves up more than a second), the step a run stops at, and the steps asked for by Step / +10.
 */
import { describe, expect, it } from 'vitest';
import { Pace } from '../../src/engine/pace';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the pace of a run', () => {
  it('caps the rate at the speed: 20 steps/s allow 20 steps in a second, one at a time, never a burst after a pause', () => {
    const c = clock();
    const pace = new Pace(20, c.now);
    let steps = 0;
    for (let ms = 0; ms < 1000; ms += 10) {
      const next = pace.next(true, 0, steps);
      if ('steps' in next) {
        expect(next.steps).toBe(1);
        pace.throttle.take(1);
        steps++;
      }
      c.advance(10);
    }
    expect(steps).toBeGreaterThanOrEqual(20);
    expect(steps).toBeLessThanOrEqual(21);
    // A long pause saves up at most a second's worth.
    c.advance(60_000);
    let burst = 0;
    while ('steps' in pace.next(true, 0, steps)) {
      pace.throttle.take(1);
      burst++;
      if (burst > 100) break;
    }
    expect(burst).toBeLessThanOrEqual(20);
  });

  it('unthrottled, stops at the budget and counts the steps asked for', () => {
    const c = clock();
    const pace = new Pace(1000, c.now);
    pace.stopAt = 100;
    expect(pace.next(true, 0, 40)).toEqual({ steps: 60 });
    expect(pace.next(false, 7, 40)).toEqual({ steps: 7 });
  });
});
