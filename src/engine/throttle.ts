/**
 * Caps training at `speed` steps per second with a token bucket: steps accrue at the set rate and
 * at most one second's worth can be saved up, so a pause never turns into a burst.
 */
export const UNTHROTTLED = 1000;

export class Throttle {
  private tokens = 0;
  private last: number;

  constructor(
    private speed: number,
    private readonly now: () => number,
  ) {
    this.last = now();
    this.tokens = Math.min(1, speed);
  }

  setSpeed(speed: number): void {
    this.refill();
    this.speed = speed;
    this.tokens = Math.min(this.tokens, Math.max(1, speed));
  }

  get limited(): boolean {
    return this.speed < UNTHROTTLED;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(Math.max(1, this.speed), this.tokens + ((t - this.last) * this.speed) / 1000);
    this.last = t;
  }

  /** Steps that may run now (Infinity when unthrottled). */
  allowed(): number {
    if (!this.limited) return Infinity;
    this.refill();
    return Math.floor(this.tokens);
  }

  take(steps: number): void {
    if (this.limited) this.tokens -= steps;
  }

  /** Milliseconds until the next step may run. */
  waitMs(): number {
    if (!this.limited) return 0;
    this.refill();
    return Math.max(1, ((1 - this.tokens) * 1000) / this.speed);
  }

  /** Forget saved-up steps (after a pause the bucket starts empty-ish again). */
  restart(): void {
    this.last = this.now();
    this.tokens = Math.min(1, this.speed);
  }
}
