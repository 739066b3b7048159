/**
 * Long runs of the real training worker through bench.html (client, worker, Trainer): steps per
 * second, tensor count from the first chunk to the end, and the worker's JS heap.
 */
import type { Browser, CDPSession } from 'playwright-core';
import type { LongRun } from '../src/bench/benchTypes';

let cdpMessageId = 0;

/** Sends one DevTools command to a target attached in non-flat mode and waits for its reply. */
function askTarget(cdp: CDPSession, sessionId: string, method: string): Promise<Record<string, number> | null> {
  const id = ++cdpMessageId;
  return new Promise((ok) => {
    const timer = setTimeout(() => ok(null), 10_000);
    cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: Record<string, number> };
      if (e.sessionId !== sessionId || m.id !== id) return;
      clearTimeout(timer);
      ok(m.result ?? null);
    });
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
  });
}

/** DevTools ids of the training workers alive now, in every page of the browser. */
async function trainingWorkers(cdp: CDPSession): Promise<string[]> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  return targetInfos.filter((t) => t.type === 'worker' && t.url.includes('training.worker')).map((t) => t.targetId);
}

/**
 * The JS heap in MB after a full GC of the training worker that is not one of `others` (the
 * workers of other pages, e.g. the harness page's own), through DevTools (null if unreachable).
 */
async function workerHeapMB(cdp: CDPSession, others: Set<string>): Promise<number | null> {
  const targetId = (await trainingWorkers(cdp)).find((id) => !others.has(id));
  if (!targetId) return null;
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
  // A collection first: what is left is what the trainer keeps, not garbage awaiting the next GC.
  await askTarget(cdp, sessionId, 'HeapProfiler.collectGarbage');
  const usage = await askTarget(cdp, sessionId, 'Runtime.getHeapUsage');
  await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  return usage ? usage.usedSize / 2 ** 20 : null;
}

/** The page's default network, and the smallest one the long runs use where that one is too slow for 10,000 steps. */
export const DEFAULT_SIZE = { hidden: 64, batch: 32 };
export const SMALL_SIZE = { hidden: 8, batch: 4 };

/**
 * Row-sMNIST in the real training worker until `steps` steps or `capMs` of training, whichever
 * first, with `size` hidden units and batch.
 */
export async function longRun(browser: Browser, url: string, backend: string, steps: number, capMs: number, size = DEFAULT_SIZE): Promise<LongRun> {
  const cdp = await browser.newBrowserCDPSession();
  const others = new Set(await trainingWorkers(cdp));
  const page = await browser.newPage();
  const t0 = Date.now();
  await page.goto(`${url}bench.html#task=rows&backend=${backend}&hidden=${size.hidden}&batch=${size.batch}&play=1`);
  const lastStep = () => page.evaluate(() => Math.max(0, ...window.engineHarness.messages.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot.step] : []))));
  await page.waitForFunction(() => window.engineHarness.messages.some((m) => m.type === 'snapshot' && m.snapshot.step >= 1), undefined, { timeout: 5 * 60_000, polling: 250 });
  const startupSec = (Date.now() - t0) / 1000;
  const stepA = await lastStep();
  const tA = Date.now();
  const heapStartMB = await workerHeapMB(cdp, others);
  await page
    .waitForFunction((n) => window.engineHarness.messages.some((m) => m.type === 'snapshot' && m.snapshot.step >= n), steps, { timeout: capMs, polling: 250 })
    .catch(() => undefined); // the time cap: report how far it got
  const tB = Date.now();
  const heapEndMB = await workerHeapMB(cdp, others);
  const summary = await page.evaluate(() => {
    const snaps = window.engineHarness.messages.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot] : []));
    const ready = window.engineHarness.messages.find((m) => m.type === 'ready');
    const running = snaps.filter((s) => s.steps.length > 0);
    return {
      report: ready && ready.type === 'ready' ? ready.backend : null,
      first: running[0].tensors,
      last: running[running.length - 1].tensors,
      step: running[running.length - 1].step,
    };
  });
  await page.close();
  if (!summary.report) throw new Error('the run never reported its backend');
  return {
    backend: summary.report.active,
    requested: backend,
    ...size,
    report: summary.report,
    steps: summary.step,
    stepsPerSec: ((summary.step - stepA) * 1000) / (tB - tA),
    startupSec,
    tensorsAtStart: summary.first,
    tensorsAtEnd: summary.last,
    heapStartMB,
    heapEndMB,
  };
}
