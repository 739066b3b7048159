/**
 * The main thread's tasks from a DevTools trace, with their wall time and their thread (CPU) time.
 * The page's PerformanceObserver sees wall time only: on two cores with a training worker busy on
 * one, a task can take 60 ms of wall time for 15 ms of the main thread's own work, because the
 * operating system ran other threads (the worker, raster, compositor) in between. Both numbers
 * say different things: wall time is what the reader waits, thread time is what the page's code
 * and rendering cost.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface ThreadTimes {
  seconds: number;
  tasks: number;
  /** Tasks over the limit by wall time, and by the main thread's own time. */
  overWall: number;
  overThread: number;
  longestWallMs: number;
  longestThreadMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Starts tracing; the returned function stops it and sums up the renderer main thread's tasks. */
export async function traceMainThread(page: Page, limitMs: number): Promise<() => Promise<ThreadTimes>> {
  const t0 = Date.now();
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  // The protocol types trace events as string maps; they carry numbers and objects as well.
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  // 'toplevel' alone: every task with its thread time, at the least tracing overhead.
  await cdp.send('Tracing.start', { categories: 'toplevel', transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && mains.has(`${e.pid}:${e.tid}`));
    const wall = tasks.map((t) => (t.dur ?? 0) / 1000);
    const thread = tasks.map((t) => (t.tdur ?? t.dur ?? 0) / 1000);
    const round = (v: number) => Math.round(v * 10) / 10;
    return {
      seconds: round((Date.now() - t0) / 1000),
      tasks: tasks.length,
      overWall: wall.filter((v) => v > limitMs).length,
      overThread: thread.filter((v) => v > limitMs).length,
      longestWallMs: round(Math.max(0, ...wall)),
      longestThreadMs: round(Math.max(0, ...thread)),
    };
  };
}
