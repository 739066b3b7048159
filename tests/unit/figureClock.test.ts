/**
 * The figure clock's pacing: one figure per animation frame, each rendered in a task of its own
 * queued by the frame (never inside the frame callback, where it would share one task with the
 * frame's style, layout, paint and commit).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFigureClock, type ClockSubscriber } from '../../src/panels/figureClock';

let frames: (() => void)[] = [];
const realRaf = globalThis.requestAnimationFrame;

beforeEach(() => {
  frames = [];
  globalThis.requestAnimationFrame = (cb: FrameRequestCallback) => frames.push(() => cb(performance.now()));
});
afterEach(() => {
  globalThis.requestAnimationFrame = realRaf;
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

function subscriber(name: string, log: string[]): ClockSubscriber {
  return { name, minGap: 0, last: -Infinity, seen: -1, fn: () => log.push(name) };
}

describe('figure clock', () => {
  it('renders one figure per frame, each in a task after its frame callback', async () => {
    const log: string[] = [];
    const clock = createFigureClock(() => 1);
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

  it('skips a figure that left before its turn', async () => {
    const log: string[] = [];
    const clock = createFigureClock(() => 1);
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
