/**
 * The clock every live figure updates on. The run store notifies at most once per animation
 * frame; the clock ticks at most FIGURE_HZ times per second, and the figures due on a tick are
 * updated in tasks queued by animation frames (render, commit and canvas effects inside one
 * flushSync per figure), as many per frame as fit in FRAME_BUDGET_MS of scripting and at least one.
 * A tick's scripting and rendering are spread over a few short frames instead of one long one,
 * input slips in between, and a slow figure delays only what comes after it. Each update's
 * scripting time is recorded as a performance measure (FIGURE_UPDATE_MEASURE, detail: the
 * figure's name) for the page benchmark.
 */
import { flushSync } from 'react-dom';
import { macrotaskYield } from '../engine/schedule';

/** Upper bound on figure updates per second (snapshots may arrive faster). */
export const FIGURE_HZ = 10;
/**
 * Scripting one frame may spend on figure updates before the next figure waits for the next frame.
 * A two-core machine training beside the page stretches a task two to three times, so a frame's
 * script and rendering stay well under 50 ms.
 */
export const FRAME_BUDGET_MS = 4;
/** Name of the performance measure around one figure's render + commit + effects. */
export const FIGURE_UPDATE_MEASURE = 'figures-update';

export interface ClockSubscriber {
  /** What updates (for the benchmark's per-figure numbers). */
  name: string;
  /** Least milliseconds between two updates of this subscriber. */
  minGap: number;
  /** When it last updated. */
  last: number;
  /** Source version it last rendered. */
  seen: number;
  /** Updates the figure (sets React state); called inside flushSync. */
  fn: () => void;
}

export interface FigureClock {
  /** Adds a subscriber; returns its removal. */
  join(sub: ClockSubscriber): () => void;
  /** The source changed (new version). */
  changed(): void;
}

/** The next animation frame (a hidden tab has none: its figures wait, and catch up when shown). */
const nextFrame = (fn: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => fn()) : setTimeout(fn, 16));

export function createFigureClock(version: () => number, hz = FIGURE_HZ, frameBudgetMs = FRAME_BUDGET_MS): FigureClock {
  const subscribers = new Set<ClockSubscriber>();
  const queue: ClockSubscriber[] = [];
  let lastTick = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pumping = false;
  const nextTask = macrotaskYield();
  // A frame's callback only queues the update: the render then runs in a task of its own, after
  // that frame's style, layout, paint and commit, and the next frame draws it. Render and rendering
  // are two tasks instead of one (a two-core machine training beside the page stretches each of
  // them two to three times), and input can be handled between them.
  const nextUpdate = () => nextFrame(() => void nextTask().then(pump));

  /** Updates one figure: render, commit and effects, measured for the page benchmark. */
  const update = (sub: ClockSubscriber) => {
    const start = performance.now();
    flushSync(() => {
      sub.last = start;
      sub.seen = version();
      sub.fn();
    });
    performance.measure(FIGURE_UPDATE_MEASURE, { start, end: performance.now(), detail: sub.name });
    // Measures would pile up in the timeline buffer over a long run: keep only what observers saw.
    performance.clearMeasures(FIGURE_UPDATE_MEASURE);
  };

  /**
   * Updates queued figures while the frame's scripting budget lasts (at least one), and queues the
   * rest behind the next frame. Each frame the page draws costs the same fixed work on the main
   * thread and in the compositor whatever changed (layerize, commit, composite the viewport): cheap
   * updates share a frame, so a tick takes a few frames rather than one per figure.
   */
  const pump = () => {
    const start = performance.now();
    do {
      const sub = queue.shift();
      if (sub && subscribers.has(sub)) update(sub);
    } while (queue.length && performance.now() - start < frameBudgetMs);
    if (queue.length) nextUpdate();
    else pumping = false;
  };

  const tick = () => {
    timer = null;
    const now = performance.now();
    lastTick = now;
    const v = version();
    let wait = Infinity;
    for (const sub of subscribers) {
      if (sub.seen === v || queue.includes(sub)) continue;
      const due = sub.last + sub.minGap - 1 - now;
      if (due <= 0) queue.push(sub);
      // Not due yet, but it must still get this change: a follow-up tick when it is due, even if
      // nothing else arrives (the last status of a run must reach every view).
      else wait = Math.min(wait, due);
    }
    if (wait < Infinity) timer = setTimeout(tick, Math.max(0, Math.min(wait, 1000 / hz)));
    if (queue.length && !pumping) {
      pumping = true;
      nextUpdate();
    }
  };

  return {
    join(sub) {
      subscribers.add(sub);
      return () => {
        subscribers.delete(sub);
      };
    },
    changed() {
      if (timer !== null) return;
      const wait = 1000 / hz - (performance.now() - lastTick);
      if (wait <= 0) tick();
      else timer = setTimeout(tick, wait);
    },
  };
}
