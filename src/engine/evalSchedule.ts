/**
 * When the next test evaluation is due: at least every EVAL_STEPS steps or EVAL_MAX_MS, never
 * sooner than EVAL_MIN_MS, and never more than about 10 % of the time.
 */
const EVAL_STEPS = 50;
const EVAL_MAX_MS = 5000;
const EVAL_MIN_MS = 1000;

export class EvalSchedule {
  private last = { step: -1, at: -Infinity, ms: 0 };

  due(step: number, t: number): boolean {
    const steps = step - this.last.step;
    const ms = t - this.last.at;
    return steps >= 1 && ms >= Math.max(EVAL_MIN_MS, 10 * this.last.ms) && (steps >= EVAL_STEPS || ms >= EVAL_MAX_MS);
  }

  /** An evaluation of `step` ran from t0 to t1. */
  record(step: number, t0: number, t1: number): void {
    this.last = { step, at: t1, ms: t1 - t0 };
  }

  reset(): void {
    this.last = { step: -1, at: -Infinity, ms: 0 };
  }
}
