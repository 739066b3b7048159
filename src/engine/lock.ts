/**
 * A one-at-a-time lock: the training loop holds it for each chunk and every command that touches
 * the model waits for it, so a reset never disposes weights under a step in flight.
 */
export class Lock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(fn);
    // The chain continues whether fn resolved or threw.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
