/**
 * The figure clock's pacing: figures render in a task queued by an animation frame (never inside
 * the frame callback, where they would share one task with the frame's style, layout, paint and
 * commit), as many per frame as fit in the frame's scripting budget and at least one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFigureClock, type ClockSubscriber } from '../../src/panels/figureClock';

let frames: (() => void)[] = [];
const realRaf = globalThis.requestAnimationFrame;

beforeEach(() => {
  frames = [];
  globalThis.requestAnimationFrame = (cb: FrameRequestCallback) => frames.push(() => cb(performance.now()));
});
afterEach(() => {
  globalThis.requestAnimationFrame = realRaf;
  vi.restoreAllMocks();
});

/** Runs the frame callbacks queued so far, as the browser does at the start of a frame. */
function frame(): void {
  const now = frames;
  frames = [];
  for (const f of now) f();
}

/**
 * Lets queued tasks run: in node the clock's task is a setImmediate, and one queued after a timer
 * runs after every immediate queued before it.
 */
const tasks = () => new Promise<void>((ok) => setTimeout(() => setImmediate(ok), 0));

/** A figure whose update takes `ms` of the clock read by `now` (0 by default). */
function subscriber(name: string, log: string[], work?: { now: { t: number }; ms: number }): ClockSubscriber {
  return {
    name,
    minGap: 0,
    last: -Infinity,
    seen: -1,
    fn: () => {
      log.push(name);
      if (work) work.now.t += work.ms;
    },
  };
}

/**
 * A clock with a 4 ms frame budget and its figures, each taking the given milliseconds of a mocked
 * performance.now; returns the log of updates.
 */
function budgetClock(figures: Record<string, number>): string[] {
  const now = { t: 0 };
  vi.spyOn(performance, 'now').mockImplementation(() => now.t);
  const log: string[] = [];
  const clock = createFigureClock(() => 1, 10, 4);
  for (const [name, ms] of Object.entries(figures)) clock.join(subscriber(name, log, { now, ms }));
  clock.changed();
  return log;
}

describe('figure clock', () => {
  it('with no budget renders one figure per frame, each in a task after its frame callback', async () => {
    const log: string[] = [];
    const clock = createFigureClock(() => 1, 10, 0);
    clock.join(subscriber('loss', log));
    clock.join(subscriber('portrait', log));
    clock.changed();
    expect(log).toEqual([]);
    expect(frames).toHaveLength(1);

    frame();
    expect(log).toEqual([]); // not inside the frame callback
    await tasks();
    expect(log).toEqual(['loss']);
    expect(frames).toHaveLength(1); // the next figure waits for the next frame

    await tasks();
    expect(log).toEqual(['loss']);
    frame();
    await tasks();
    expect(log).toEqual(['loss', 'portrait']);
    expect(frames).toHaveLength(0);
  });

  it('renders figures in one frame while the budget lasts; the one that spends it ends the frame', async () => {
    const log = budgetClock({ status: 1, controls: 1, loss: 6, portrait: 1 });
    frame();
    await tasks();
    // 1 + 1 ms leave budget, the loss chart's 6 ms spend it: the portrait waits for the next frame.
    expect(log).toEqual(['status', 'controls', 'loss']);
    expect(frames).toHaveLength(1);
    frame();
    await tasks();
    expect(log).toEqual(['status', 'controls', 'loss', 'portrait']);
    expect(frames).toHaveLength(0);
  });

  it('renders at least one figure per frame however long it takes', async () => {
    const log = budgetClock({ loss: 30, portrait: 30 });
    frame();
    await tasks();
    expect(log).toEqual(['loss']);
    frame();
    await tasks();
    expect(log).toEqual(['loss', 'portrait']);
  });

  it('skips a figure that left before its turn', async () => {
    const log: string[] = [];
    const clock = createFigureClock(() => 1, 10, 0);
    const leave = clock.join(subscriber('loss', log));
    clock.join(subscriber('portrait', log));
    clock.changed();
    leave();
    frame();
    await tasks();
    frame();
    await tasks();
    expect(log).toEqual(['portrait']);
  });
});
