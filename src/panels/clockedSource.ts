/**
 * An external store for useSyncExternalStore whose value is re-read on the figure clock: it
 * applies a selector to run views when the clock says a figure is due, and tells React only when
 * the selected value changed (Object.is).
 */
import type { ClockSubscriber } from './figureClock';

export class ClockedSource<T> {
  private value: T;

  constructor(
    private read: () => T,
    private readonly join: (sub: ClockSubscriber) => () => void,
    private readonly clock: { name: string; minGap: number; active: boolean },
  ) {
    this.value = read();
  }

  /** The selector of the latest render (a new closure each render, same meaning). */
  setRead(read: () => T): void {
    this.read = read;
  }

  get = (): T => this.value;

  subscribe = (changed: () => void): (() => void) => {
    if (!this.clock.active) return () => undefined;
    const update = () => {
      const next = this.read();
      if (Object.is(next, this.value)) return;
      this.value = next;
      changed();
    };
    const leave = this.join({ name: this.clock.name, minGap: this.clock.minGap, last: -Infinity, seen: -1, fn: update });
    // Catch up with what arrived while the figure was inactive (or before it subscribed).
    update();
    return leave;
  };
}
