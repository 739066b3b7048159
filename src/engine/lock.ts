/**
 * A one-at-a-time lock: the training loop holds it for each chunk and every command that touches
 * the model waits for it, so a reset never disposes weights under a step in flight.
 */
export class Lock {
  private tail: Promise<unknown> = Promise.resolve();

  /** `after` runs at the end of each section that completes, before the next one starts. */
  constructor(private readonly after?: () => void) {}

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(async () => {
      const value = await fn();
      this.after?.();
      return value;
    });
    // The chain continues whether fn resolved or threw.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
