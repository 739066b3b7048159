/**
 * How many steps a run's loop may take next: the speed limit (a token bucket), the step it must
 * stop at (a comparison's budget), the steps still asked for (Step, +10) and, for runs compared
 * side by side, how far it may lead the others. Either a number of steps, or a wait first.
 */
import type { LockstepHandle } from './lockstep';
import { sleep } from './schedule';
import { Throttle } from './throttle';

export type Next = { steps: number } | { wait: Promise<void> };

export class Pace {
  readonly throttle: Throttle;
  /** Step at which a playing run pauses by itself. */
  stopAt = Infinity;

  constructor(
    speed: number,
    now: () => number,
    private readonly lockstep?: LockstepHandle,
  ) {
    this.throttle = new Throttle(speed, now);
  }

  next(running: boolean, pending: number, step: number): Next {
    const allowed = this.throttle.allowed();
    if (allowed < 1) return { wait: sleep(this.throttle.waitMs()) };
    const lead = this.lockstep?.allowance() ?? Infinity;
    if (lead < 1) return { wait: this.lockstep!.wait() };
    const wanted = running ? this.stopAt - step : pending;
    return { steps: Math.max(1, Math.min(allowed, lead, wanted)) };
  }

  /** The run moved on or changed state: members waiting on it re-check. */
  moved(): void {
    this.lockstep?.moved();
  }

  leave(): void {
    this.lockstep?.leave();
  }
}
